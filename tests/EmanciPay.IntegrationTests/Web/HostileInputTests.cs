using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>
/// Every operation of the OpenAPI document gets the usual hostile values in each of its fields, and malformed, oversized
/// and mistyped bodies. None may answer 5xx; a refusal is problem+json, a 400 names the field; a refused operation writes
/// nothing. The page forms get the same in <see cref="HostilePageFormTests"/>.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class HostileInputTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private static readonly string TenKilobytes = new('a', 10 * 1024);

    /// <summary>Each replaces one field's value; a null node sends JSON null, and <see cref="Missing"/> leaves the field out.</summary>
    public static readonly (string Name, Func<JsonNode?> Value)[] JsonValues =
    [
        ("null", () => null),
        ("empty", () => ""),
        ("wrong type: object", () => new JsonObject()),
        ("wrong type: array", () => new JsonArray(1, 2)),
        ("wrong type: text", () => "x"),
        ("wrong type: boolean", () => true),
        ("negative", () => -1),
        ("zero", () => 0),
        ("overflow", () => JsonNode.Parse("99999999999999999999999999")),
        ("10 kB", () => TenKilobytes),
        ("NUL", () => "a\0b@example.test"),
        ("control characters", () => "a\u0001\u001b[31mb@example.test"),
        ("unicode", () => "ünï©ødé 🎵 \u202e@example.test"),
        ("path traversal", () => "../../../etc/passwd"),
    ];

    public const string Missing = "missing";

    /// <summary>
    /// The same in a URL: route values and query strings. No NUL: the test server cannot carry one in a path, and Kestrel
    /// refuses it with 400 before the app sees it.
    /// </summary>
    public static readonly string[] UrlValues = ["", "x", "-1", "0", "99999999999999999999999999", TenKilobytes, "a\u0001b", "ünï©ødé 🎵", "../../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "KEXP-FM"];

    private static readonly (string Name, string ContentType, byte[] Body)[] MalformedBodies =
    [
        ("no body", "application/json", []),
        ("truncated JSON", "application/json", "{\"station\":"u8.ToArray()),
        ("JSON null", "application/json", "null"u8.ToArray()),
        ("JSON array", "application/json", "[1,2]"u8.ToArray()),
        ("deeply nested", "application/json", Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000))),
        ("not UTF-8", "application/json", [0x7b, 0xff, 0xfe, 0x7d]),
        ("oversized (2 MB)", "application/json", Encoding.UTF8.GetBytes($"{{\"email\":\"{new string('a', 2 * 1024 * 1024)}\"}}")),
        ("wrong content type", "text/plain", "{}"u8.ToArray()),
        ("form instead of JSON", "application/x-www-form-urlencoded", "email=a%40b.c"u8.ToArray()),
    ];

    [Fact]
    public async Task No_API_operation_answers_hostile_input_with_a_server_error_and_a_refusal_writes_nothing()
    {
        var kit = new PledgeKit(App);
        await kit.AddStationAsync();
        await Accounts.CreateAsync(App, "hostile-listener@example.test", "Listener");
        var anonymous = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var bearer = await BearerClientAsync("hostile-listener@example.test");
        var document = await anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var operations = Operations(document!).ToList();
        Assert.Contains(operations, o => o.Path == "/api/v1/pledges/" || o.Path == "/api/v1/pledges");

        var failures = new List<string>();
        foreach (var operation in operations)
        {
            var before = await TableRows.CountAsync(App);
            var results = await TableRows.InParallelAsync(
                Cases(operation).SelectMany(c => new[] { (Client: anonymous, c.Name, c.Field, c.Request), (Client: bearer, c.Name, c.Field, c.Request) }),
                async c =>
                {
                    using var response = await c.Client.SendAsync(c.Request());
                    return (c.Name, c.Field, response.StatusCode, ContentType: response.Content.Headers.ContentType?.MediaType, Body: await response.Content.ReadAsStringAsync());
                });
            foreach (var (name, field, status, contentType, body) in results)
            {
                var at = $"{operation.Method} {operation.Path} {field}: {name} -> {(int)status}";
                if ((int)status >= 500)
                {
                    failures.Add($"{at} {Truncate(body)}");
                }
                else if ((int)status >= 400 && status != HttpStatusCode.NotFound && status != HttpStatusCode.MethodNotAllowed && contentType != "application/problem+json")
                {
                    failures.Add($"{at} is not problem+json but {contentType ?? "empty"}");
                }
                else if (status == HttpStatusCode.BadRequest && field is not null && !body.Contains(field, StringComparison.OrdinalIgnoreCase))
                {
                    failures.Add($"{at} does not name the field: {Truncate(body)}");
                }
            }

            // An accepted request may write; only an operation that refused everything must have left every table as it was.
            if (results.All(r => (int)r.StatusCode >= 400))
            {
                var after = await TableRows.CountAsync(App);
                failures.AddRange(TableRows.Changes(before, after).Select(change => $"{operation.Method} {operation.Path}: refused, yet {change}"));
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Distinct().Count()} hostile requests were mishandled:\n{string.Join('\n', failures.Distinct().Take(200))}");
    }

    private async Task<HttpClient> BearerClientAsync(string email)
    {
        var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await client.PostAsJsonAsync("/api/v1/identity/login", new { email, password = Accounts.Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed record Operation(string Method, string Path, JsonArray Parameters, JsonObject? BodySchema);

    private static IEnumerable<Operation> Operations(JsonObject document)
    {
        var schemas = document["components"]?["schemas"]?.AsObject();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var body = operation!["requestBody"]?["content"]?["application/json"]?["schema"]?.AsObject();
                if (body?["$ref"]?.GetValue<string>() is { } reference)
                {
                    body = schemas?[reference.Split('/')[^1]]?.AsObject();
                }

                yield return new Operation(method.ToUpperInvariant(), path, operation["parameters"]?.AsArray() ?? [], body);
            }
        }
    }

    private static IEnumerable<(string Name, string? Field, Func<HttpRequestMessage> Request)> Cases(Operation operation)
    {
        var parameters = operation.Parameters.Select(p => (Name: p!["name"]!.GetValue<string>(), In: p["in"]!.GetValue<string>())).ToList();
        var properties = operation.BodySchema?["properties"]?.AsObject().Select(p => p.Key).ToList() ?? [];

        HttpRequestMessage Build(Func<string, string>? parameterValue, Func<JsonObject, JsonObject>? changeBody, HttpContent? content = null)
        {
            var path = operation.Path;
            var query = new List<string>();
            var headers = new List<(string, string)>();
            foreach (var (name, location) in parameters)
            {
                var value = parameterValue?.Invoke(name) ?? Baseline(name);
                switch (location)
                {
                    case "path": path = path.Replace($"{{{name}}}", Uri.EscapeDataString(value), StringComparison.Ordinal); break;
                    case "query": query.Add($"{name}={Uri.EscapeDataString(value)}"); break;
                    case "header": headers.Add((name, value)); break;
                }
            }

            var request = new HttpRequestMessage(new HttpMethod(operation.Method), query.Count == 0 ? path : $"{path}?{string.Join('&', query)}");
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            if (content is not null)
            {
                request.Content = content;
            }
            else if (operation.BodySchema is not null)
            {
                var body = new JsonObject();
                foreach (var property in properties)
                {
                    body[property] = JsonValue.Create(BaselineJson(property, operation.BodySchema["properties"]![property]!));
                }

                request.Content = new StringContent((changeBody?.Invoke(body) ?? body).ToJsonString(), Encoding.UTF8, "application/json");
            }

            return request;
        }

        foreach (var (name, _) in parameters)
        {
            foreach (var value in UrlValues)
            {
                yield return ($"'{Truncate(value)}'", name, () => Build(n => n == name ? value : Baseline(n), null));
            }
        }

        foreach (var property in properties)
        {
            yield return (Missing, property, () => Build(null, body => { body.Remove(property); return body; }));
            foreach (var (name, value) in JsonValues)
            {
                yield return (name, property, () => Build(null, body => { body[property] = value(); return body; }));
            }
        }

        if (operation.BodySchema is not null)
        {
            foreach (var (name, contentType, bytes) in MalformedBodies)
            {
                yield return (name, null, () => Build(null, null, new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } }));
            }
        }
    }

    private static string Baseline(string parameter) => parameter switch
    {
        "slug" => "kexp-fm",
        "Idempotency-Key" => Guid.NewGuid().ToString("N"),
        "page" => "1",
        _ => "x",
    };

    private static object? BaselineJson(string property, JsonNode schema)
    {
        var type = schema["type"]?.ToJsonString() ?? "";
        return property.ToLowerInvariant() switch
        {
            "station" => "kexp-fm",
            "currency" => "usd",
            "amount" => 1000,
            "frequency" => "one_time",
            var p when p.Contains("email", StringComparison.Ordinal) => "nobody@example.test",
            var p when p.Contains("password", StringComparison.Ordinal) => Accounts.Password,
            _ when type.Contains("boolean", StringComparison.Ordinal) => false,
            _ when type.Contains("integer", StringComparison.Ordinal) || type.Contains("number", StringComparison.Ordinal) => 1,
            _ => "text",
        };
    }

    private static string Truncate(string text) => text.Length > 80 ? $"{text[..80]}… ({text.Length} chars)" : text;
}
