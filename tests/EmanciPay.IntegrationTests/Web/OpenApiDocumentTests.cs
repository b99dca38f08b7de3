using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmanciPay.Application.Common;
using EmanciPay.IntegrationTests.Support;
using Json.Schema;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>
/// /openapi/v1.json tells the truth: real responses have the status, content type and shape it documents, its own
/// examples are valid, and it keeps the rules Redocly's recommended set and Spectral's spectral:oas check
/// (tests/lint-openapi.sh runs those linters themselves).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OpenApiDocumentTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private readonly PledgeKit kit = new(fixture);

    [Fact]
    public async Task Every_operation_has_an_id_summary_description_security_and_problem_json_for_each_4xx()
    {
        var document = await DocumentAsync();
        var schemes = document["components"]!["securitySchemes"]!.AsObject().Select(s => s.Key).ToHashSet();
        var tags = document["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToHashSet();
        var problems = new List<string>();

        foreach (var (method, path, operation) in Operations(document))
        {
            var name = $"{method} {path}";
            problems.AddRange((operation["tags"]?.AsArray() ?? []).Select(t => t!.GetValue<string>()).Where(t => !tags.Contains(t)).Select(t => $"{name}: tag {t} is not declared with a description"));
            foreach (var field in new[] { "operationId", "summary", "description" })
            {
                if (string.IsNullOrWhiteSpace(operation[field]?.GetValue<string>()))
                {
                    problems.Add($"{name}: no {field}");
                }
            }

            var security = operation["security"]?.AsArray();
            if (security is null || security.Count == 0)
            {
                problems.Add($"{name}: no security");
            }

            problems.AddRange((security ?? []).SelectMany(r => r!.AsObject().Select(s => s.Key)).Where(s => !schemes.Contains(s)).Select(s => $"{name}: undeclared scheme {s}"));
            foreach (var (status, response) in operation["responses"]!.AsObject().Where(r => r.Key.StartsWith('4')))
            {
                var types = response!["content"]?.AsObject().Select(c => c.Key).ToList() ?? [];
                if (types is not ["application/problem+json"])
                {
                    problems.Add($"{name}: {status} is [{string.Join(", ", types)}], not problem+json");
                }
            }
        }

        var ids = Operations(document).Select(o => o.Operation["operationId"]?.GetValue<string>()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Empty(problems);
        Assert.Equal(["bearer", "cookie", "antiforgery"], schemes.Order(Comparer<string>.Create((a, b) => Order(a).CompareTo(Order(b)))));
        Assert.All(document["servers"]!.AsArray(), server => Assert.False(server!["url"]!.GetValue<string>().EndsWith('/'), "a server URL ends with a slash"));
        var idempotencyKey = Operation(document, "post", "/api/v1/pledges")["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "Idempotency-Key")!;
        Assert.True(idempotencyKey["required"]!.GetValue<bool>());

        static int Order(string scheme) => scheme switch { "bearer" => 0, "cookie" => 1, _ => 2 };
    }

    [Fact]
    public async Task Schemas_have_unique_real_names_integer_types_and_every_field_a_description_and_example()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!.AsObject();
        var text = document.ToJsonString();

        Assert.DoesNotContain(schemas, s => s.Key.StartsWith("AnonymousType", StringComparison.Ordinal));
        Assert.DoesNotContain("^-?(?:0|[1-9]\\\\d*)$", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Descendants(document), node => node is JsonObject { } o && o["type"] is JsonArray types
            && types.Any(t => t!.GetValue<string>() == "integer") && types.Any(t => t!.GetValue<string>() == "string"));
        var undescribed = schemas
            .Where(s => s.Value!["description"] is null || s.Value["examples"] is null)
            .Select(s => s.Key)
            .Concat(schemas.SelectMany(s => (s.Value!["properties"]?.AsObject() ?? []).Where(p => p.Value!["description"] is null).Select(p => $"{s.Key}.{p.Key}")))
            .ToList();
        Assert.Empty(undescribed);
        Assert.Equal("#/components/schemas/CreatePledgeResult", Operation(document, "post", "/api/v1/pledges")["responses"]!["201"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_example_in_the_document_is_valid_for_its_own_schema()
    {
        var contract = new Contract(await DocumentAsync());

        foreach (var (name, schema) in contract.Document["components"]!["schemas"]!.AsObject())
        {
            contract.AssertValid(new JsonObject { ["$ref"] = $"#/components/schemas/{name}" }, schema!["examples"]![0], $"the example of {name}");
        }
    }

    [Fact]
    public async Task Real_responses_have_the_documented_status_content_type_and_schema()
    {
        await kit.AddStationAsync();
        await Accounts.CreateAsync(App, "contract@example.test", Roles.Listener);
        var contract = new Contract(await DocumentAsync());
        using var guest = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var listener = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        var login = await listener.PostAsJsonAsync("/api/v1/identity/login", new { email = "contract@example.test", password = Accounts.Password });
        await contract.AssertDocumentedAsync("post", "/api/v1/identity/login", login, HttpStatusCode.OK);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        listener.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await contract.AssertDocumentedAsync("post", "/api/v1/pledges", await PledgeAsync(guest, PledgeKit.Body(1000), "contract-1"), HttpStatusCode.Created);
        await contract.AssertDocumentedAsync("post", "/api/v1/pledges", await PledgeAsync(listener, PledgeKit.Body(2500, email: null), "contract-2"), HttpStatusCode.Created);
        await contract.AssertDocumentedAsync("post", "/api/v1/pledges", await PledgeAsync(guest, PledgeKit.Body(1200), "contract-1"), HttpStatusCode.UnprocessableEntity);
        await contract.AssertDocumentedAsync("post", "/api/v1/pledges", await PledgeAsync(guest, new { amount = 1000 }, "contract-3"), HttpStatusCode.BadRequest);
        await contract.AssertDocumentedAsync("post", "/api/v1/pledges", await PledgeAsync(guest, PledgeKit.Body(1000), null), HttpStatusCode.BadRequest);
        await contract.AssertDocumentedAsync("post", "/api/v1/pledges", await guest.PostAsync("/api/v1/pledges", new StringContent("amount=1000", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        await contract.AssertDocumentedAsync("get", "/api/v1/me/pledges", await listener.GetAsync("/api/v1/me/pledges"), HttpStatusCode.OK);
        await contract.AssertDocumentedAsync("get", "/api/v1/me/pledges", await guest.GetAsync("/api/v1/me/pledges"), HttpStatusCode.Unauthorized);
        await contract.AssertDocumentedAsync("get", "/api/v1/stations", await guest.GetAsync("/api/v1/stations?q=kexp"), HttpStatusCode.OK);
        await contract.AssertDocumentedAsync("get", "/api/v1/stations", await guest.GetAsync("/api/v1/stations?page=x"), HttpStatusCode.BadRequest);
        await contract.AssertDocumentedAsync("get", "/api/v1/stations/{slug}", await guest.GetAsync("/api/v1/stations/kexp-fm"), HttpStatusCode.OK);
        await contract.AssertDocumentedAsync("get", "/api/v1/stations/{slug}", await guest.GetAsync("/api/v1/stations/nope"), HttpStatusCode.NotFound);
        await contract.AssertDocumentedAsync("get", "/api/v1/antiforgery", await guest.GetAsync("/api/v1/antiforgery"), HttpStatusCode.OK);
        await contract.AssertDocumentedAsync("get", "/api/v1/identity/manage/info", await listener.GetAsync("/api/v1/identity/manage/info"), HttpStatusCode.OK);
        await contract.AssertDocumentedAsync("post", "/api/v1/identity/login", await guest.PostAsJsonAsync("/api/v1/identity/login", new { email = "contract@example.test", password = "not the password at all" }), HttpStatusCode.Unauthorized);
        await contract.AssertDocumentedAsync("post", "/api/v1/identity/register", await guest.PostAsJsonAsync("/api/v1/identity/register", new { email = "new@example.test", password = "short" }), HttpStatusCode.BadRequest);
    }

    private static async Task<HttpResponseMessage> PledgeAsync(HttpClient client, object body, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/pledges") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    private async Task<JsonNode> DocumentAsync()
    {
        using var client = App.Factory.CreateClient();
        return JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
    }

    private static JsonNode Operation(JsonNode document, string method, string path) => document["paths"]![path]![method]!;

    private static IEnumerable<(string Method, string Path, JsonNode Operation)> Operations(JsonNode document) =>
        from path in document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        select (operation.Key, path.Key, operation.Value!);

    private static IEnumerable<JsonNode> Descendants(JsonNode node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Descendants).Prepend(node),
        JsonArray a => a.OfType<JsonNode>().SelectMany(Descendants).Prepend(node),
        _ => [node],
    };

    /// <summary>The document as a JSON Schema registry: its schemas' $refs resolve inside it.</summary>
    private sealed class Contract
    {
        private static readonly Uri Base = new("https://emancipay.test/openapi/v1.json");
        private readonly EvaluationOptions options = new() { OutputFormat = OutputFormat.List };

        public Contract(JsonNode document)
        {
            Document = document;
            options.SchemaRegistry.Register(new JsonNodeBaseDocument(document, Base));
        }

        public JsonNode Document { get; }

        public async Task AssertDocumentedAsync(string method, string path, HttpResponseMessage response, HttpStatusCode expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} instead of {(int)expected}: {body}");
            var documented = Operation(Document, method, path)["responses"]![((int)expected).ToString(System.Globalization.CultureInfo.InvariantCulture)];
            Assert.True(documented is not null, $"{method} {path} answered {(int)expected}, which its document does not list");
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var content = documented!["content"]?[mediaType ?? ""];
            Assert.True(content is not null, $"{method} {path} {(int)expected}: {mediaType} is not a documented content type");
            AssertValid(content!["schema"]!, JsonNode.Parse(body), $"{method} {path} {(int)expected}");
        }

        public void AssertValid(JsonNode schema, JsonNode? instance, string what)
        {
            // The document's $refs are relative to the document; this schema is evaluated outside it.
            var absolute = schema.ToJsonString().Replace("\"#/components/", $"\"{Base}#/components/", StringComparison.Ordinal);
            var results = JsonSchema.FromText(absolute).Evaluate(instance, options);
            var errors = (results.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
            Assert.True(results.IsValid, $"{what} does not match its documented schema: {string.Join("; ", errors)}\n{instance?.ToJsonString()}");
        }
    }
}
