using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmanciPay.Application.Common;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.IntegrationTests.Features.Payouts;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    private readonly Dictionary<HttpClient, string> callers = [];

    /// <summary>
    /// The same in a URL or header: route values, query strings, headers. A NUL goes in query strings only: the test
    /// server cannot carry one in a path, and HttpClient refuses one in a header.
    /// </summary>
    public static readonly string[] UrlValues = [Missing, "", "x", "-1", "0", "99999999999999999999999999", TenKilobytes, "a\u0001b", "ünï©ødé 🎵", "../../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "KEXP-FM"];

    public const string Nul = "a\0b@example.test";

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
        await ManagedStationAsync(App);
        await Accounts.CreateAsync(App, "hostile-listener@example.test", "Listener");

        // A saved card, as a monthly checkout leaves one: without it every basket pledge is refused for the card, whatever the field.
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IAppDbContext>();
            var id = await sp.GetRequiredService<IUserAccounts>().UserIdByEmailAsync("hostile-listener@example.test", CancellationToken.None);
            db.ListenerCards.Add(Domain.Baskets.ListenerCard.Save(id!, "cus_hostile", "pm_hostile", DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        await Accounts.CreateAsync(App, "hostile-manager@example.test", Roles.StationManager);
        await Accounts.AssignManagerAsync(App, "hostile-manager@example.test", "kexp-fm");
        await PayoutKit.AgreeToTermsAsync(App, "hostile-manager@example.test");
        var anonymous = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var listener = await BearerClientAsync("hostile-listener@example.test");
        var manager = await BearerClientAsync("hostile-manager@example.test");
        var staff = await BearerClientAsync("hostile-staff@example.test", await StaffWithTwoFactorsAsync("hostile-staff@example.test"));
        // Were these refused, no hostile value would get past authorization (a bearer token carries amr=mfa from the code).
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/v1/stations/kexp-fm/portal")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/api/v1/finance/payouts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/api/v1/admin/claims")).StatusCode);
        callers.Add(anonymous, "anonymously");
        callers.Add(listener, "as a listener");
        callers.Add(manager, "as the station's manager");
        callers.Add(staff, "as finance and admin staff");
        var document = await anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var operations = Operations(document!).ToList();
        Assert.Contains(operations, o => o.Path == "/api/v1/pledges/" || o.Path == "/api/v1/pledges");

        var failures = new List<string>();
        var sent = 0;
        foreach (var operation in operations)
        {
            // Besides anonymously, each operation runs as the caller it is meant for, so hostile values get past authorization.
            var meantFor = operation.Path switch
            {
                var p when p.StartsWith("/api/v1/stations/{slug}/", StringComparison.Ordinal) && !p.EndsWith("/claims", StringComparison.Ordinal) => manager,
                var p when p.StartsWith("/api/v1/finance/", StringComparison.Ordinal) || p.StartsWith("/api/v1/admin/", StringComparison.Ordinal) => staff,
                _ => listener,
            };
            foreach (var client in new[] { anonymous, meantFor })
            {
                sent += await CheckAsync(operation, client, failures);
            }
        }

        Assert.True(sent > 1000, $"Only {sent} hostile requests were sent.");
        Assert.True(failures.Count == 0, $"{failures.Distinct().Count()} hostile requests were mishandled:\n{string.Join('\n', failures.Distinct().Take(200))}");
    }

    /// <summary>
    /// Sends each case of <paramref name="operation"/> a few at a time, then, sequentially and one by one, those it
    /// refused again, with the tables counted around each: a refusal writes nothing, and neither does a read.
    /// </summary>
    private async Task<int> CheckAsync(Operation operation, HttpClient client, List<string> failures)
    {
        var cases = Cases(operation).ToList();
        using var baseline = await client.SendAsync(Build(operation, null, null));
        var baselineAccepted = (int)baseline.StatusCode < 400;
        var beforeAll = await TableRows.SettledCountAsync(App);
        var results = await TableRows.InParallelAsync(cases, async c =>
        {
            using var response = await client.SendAsync(c.Request());
            return (Case: c, Answer: await Answer.ReadAsync(response));
        },
        // Identity's own manage endpoints change one user's row and answer a lost race with 500: one at a time (see the session note).
        operation.Path.StartsWith("/api/v1/identity/manage", StringComparison.Ordinal) ? 1 : 8);

        var who = callers[client];
        foreach (var (c, answer) in results)
        {
            var at = $"{operation.Method} {operation.Path} {who}, {c.Field ?? "body"}: {c.Name} -> {answer.Status}";
            if (answer.Status >= 500)
            {
                failures.Add($"{at} {Truncate(answer.Body)}");
            }
            else if (answer.Status < 400 && !operation.Responses.Contains(answer.Status.ToString(CultureInfo.InvariantCulture)))
            {
                failures.Add($"{at}, which the document does not list among {string.Join(", ", operation.Responses)}");
            }
            else if (answer.Status >= 400 && answer.ContentType != "application/problem+json")
            {
                failures.Add($"{at} is not problem+json but {answer.ContentType ?? "empty"}");
            }
            else if (answer.Status == 400 && c.Field is not null && !Names(answer.Body, baselineAccepted && !c.OfFieldsType ? [c.Field] : operation.Fields))
            {
                failures.Add($"{at} does not name {(baselineAccepted && !c.OfFieldsType ? "the field" : "any field")}: {Truncate(answer.Body)}");
            }
        }

        var where = $"{operation.Method} {operation.Path} {who}";
        if (operation.Method == "GET" || results.All(r => r.Answer.Status >= 400))
        {
            failures.AddRange(TableRows.Changes(beforeAll, await TableRows.SettledCountAsync(App)).Select(change => $"{where}: every case refused (or only read), yet {change}"));
            return 1 + results.Count;
        }

        // Accepted requests may write, and what they start (Stripe's webhooks) goes on writing for a while: so the refused
        // cases are sent again one at a time, once that has settled, each between two counts of every table.
        var again = results.Where(r => r.Answer.Status >= 400).Select(r => r.Case).ToList();
        var before = await TableRows.SettledCountAsync(App);
        foreach (var c in again)
        {
            using var response = await client.SendAsync(c.Request());
            var after = await TableRows.CountAsync(App);
            if ((int)response.StatusCode >= 400)
            {
                failures.AddRange(TableRows.Changes(before, after).Select(change => $"{where}, {c.Field ?? "body"}: {c.Name} -> {(int)response.StatusCode}, yet {change}"));
            }

            before = after;
        }

        return 1 + results.Count + again.Count;
    }

    private static bool Names(string problem, IEnumerable<string> fields)
    {
        var errors = JsonNode.Parse(problem)?["errors"]?.AsObject();
        return errors is not null && fields.Any(field => errors.Any(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)));
    }

    private sealed record Answer(int Status, string? ContentType, string Body)
    {
        public static async Task<Answer> ReadAsync(HttpResponseMessage response) =>
            new((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// kexp-fm claimed, with a Stripe account that completed onboarding at the emulator and reports payouts enabled, and
    /// enough in its escrow that every accepted payout request in the run still finds money available.
    /// </summary>
    internal static async Task ManagedStationAsync(AppFixture app)
    {
        var payouts = new PayoutKit(app);
        await payouts.StationAsync();
        // Every accepted hostile payout request takes the baseline $10: enough for a few hundred, so that none is refused for want of escrow.
        await payouts.FundAsync(50000, 50000, 50000, 50000, 50000, 50000);
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IAppDbContext>();
            (await db.Recipients.SingleAsync(r => r.Slug == "kexp-fm")).MarkClaimed(DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
    }

    /// <summary>A Finance and Admin account with an authenticator set up; returns its key.</summary>
    private Task<string> StaffWithTwoFactorsAsync(string email) => App.WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Accounts.Password)).Succeeded);
        Assert.True((await users.AddToRolesAsync(user, [Roles.Finance, Roles.Admin])).Succeeded);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    });

    private async Task<HttpClient> BearerClientAsync(string email, string? authenticatorKey = null)
    {
        var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await client.PostAsJsonAsync("/api/v1/identity/login", authenticatorKey is null
            ? new { email, password = Accounts.Password, twoFactorCode = (string?)null }
            : new { email, password = Accounts.Password, twoFactorCode = (string?)Totp.Now(authenticatorKey) });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed record Operation(string Method, string Path, JsonArray Parameters, JsonObject? BodySchema, IReadOnlyList<string> Responses)
    {
        public IReadOnlyList<(string Name, string In)> Parameter { get; } = [.. Parameters.Select(p => (p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>()))];

        public IReadOnlyList<string> Properties { get; } = [.. BodySchema?["properties"]?.AsObject().Select(p => p.Key) ?? []];

        public IEnumerable<string> Fields => Parameter.Select(p => p.Name).Concat(Properties);
    }

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

                var responses = operation["responses"]?.AsObject().Select(r => r.Key).ToList() ?? [];
                yield return new Operation(method.ToUpperInvariant(), path, operation["parameters"]?.AsArray() ?? [], body, responses);
            }
        }
    }

    /// <summary>
    /// The operation's request with baseline values, but <paramref name="parameterValue"/> for a parameter where it gives
    /// one (<see cref="Missing"/> leaves it out), the body changed by <paramref name="changeBody"/>, or another body.
    /// </summary>
    private static HttpRequestMessage Build(Operation operation, Func<string, string?>? parameterValue, Func<JsonObject, JsonObject>? changeBody, HttpContent? content = null)
    {
        var path = operation.Path;
        var query = new List<string>();
        var request = new HttpRequestMessage { Method = new HttpMethod(operation.Method) };
        foreach (var (name, location) in operation.Parameter)
        {
            var value = parameterValue?.Invoke(name) ?? Baseline(name, operation.Parameters.First(p => p!["name"]!.GetValue<string>() == name)!);
            if (value == Missing)
            {
                // A route value cannot be left out; the empty value stands for it.
                value = location == "path" ? "" : null;
            }

            switch (location)
            {
                case "path": path = path.Replace($"{{{name}}}", Uri.EscapeDataString(value!), StringComparison.Ordinal); break;
                case "query" when value is not null: query.Add($"{name}={Uri.EscapeDataString(value)}"); break;
                case "header" when value is not null: request.Headers.TryAddWithoutValidation(name, value); break;
            }
        }

        request.RequestUri = new Uri(query.Count == 0 ? path : $"{path}?{string.Join('&', query)}", UriKind.Relative);
        if (content is not null)
        {
            request.Content = content;
        }
        else if (operation.BodySchema is not null)
        {
            var body = new JsonObject();
            foreach (var property in operation.Properties)
            {
                body[property] = JsonValue.Create(BaselineJson(property, operation.BodySchema["properties"]![property]!));
            }

            request.Content = new StringContent((changeBody?.Invoke(body) ?? body).ToJsonString(), Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <summary>
    /// A case is <c>OfFieldsType</c> when its value has the type the document gives the field (true for a boolean): a
    /// refusal of it may be about another field (enable needs a twoFactorCode), so it must name a field, if not this one.
    /// </summary>
    private static IEnumerable<(string Name, string? Field, bool OfFieldsType, Func<HttpRequestMessage> Request)> Cases(Operation operation)
    {
        foreach (var (name, location) in operation.Parameter)
        {
            foreach (var value in location == "query" ? [.. UrlValues, Nul] : UrlValues)
            {
                yield return (value == Missing ? Missing : $"'{Truncate(value)}'", name, false, () => Build(operation, n => n == name ? value : null, null));
            }
        }

        foreach (var property in operation.Properties)
        {
            var type = operation.BodySchema!["properties"]![property]!["type"]?.ToJsonString() ?? "";
            yield return (Missing, property, true, () => Build(operation, null, body => { body.Remove(property); return body; }));
            foreach (var (name, value) in JsonValues)
            {
                var ofFieldsType = value()?.GetValueKind() switch
                {
                    JsonValueKind.String => type.Contains("string", StringComparison.Ordinal),
                    JsonValueKind.True or JsonValueKind.False => type.Contains("boolean", StringComparison.Ordinal),
                    JsonValueKind.Number => type.Contains("integer", StringComparison.Ordinal) || type.Contains("number", StringComparison.Ordinal),
                    null => type.Contains("null", StringComparison.Ordinal),
                    _ => false,
                };
                yield return (name, property, ofFieldsType, () => Build(operation, null, body => { body[property] = value(); return body; }));
            }
        }

        if (operation.BodySchema is not null)
        {
            foreach (var (name, contentType, bytes) in MalformedBodies)
            {
                yield return (name, null, false, () => Build(operation, null, null, new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } }));
            }
        }
    }

    private static string Baseline(string parameter, JsonNode definition) => parameter switch
    {
        "slug" => "kexp-fm",
        "Idempotency-Key" => Guid.NewGuid().ToString("N"),
        "id" => Guid.NewGuid().ToString(),
        _ when definition["schema"]?["type"]?.ToJsonString() is { } type && type.Contains("boolean", StringComparison.Ordinal) => "false",
        _ when definition["schema"]?["type"]?.ToJsonString() is { } type && type.Contains("integer", StringComparison.Ordinal) => "1",
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
            var p when p.Contains("email", StringComparison.Ordinal) => "hostile-nobody@example.test",
            var p when p.Contains("password", StringComparison.Ordinal) => Accounts.Password,
            _ when type.Contains("boolean", StringComparison.Ordinal) => false,
            _ when type.Contains("integer", StringComparison.Ordinal) || type.Contains("number", StringComparison.Ordinal) => 1,
            _ => "text",
        };
    }

    private static string Truncate(string text) => text.Length > 300 ? $"{text[..300]}… ({text.Length} chars)" : text;
}
