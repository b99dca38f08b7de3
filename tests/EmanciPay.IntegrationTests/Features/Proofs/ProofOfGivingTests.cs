using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmanciPay.Application.Common;
using EmanciPay.Domain.Sharing;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Proofs;

/// <summary>Proofs of giving: made from real paid pledges, checked by anyone without learning who gave, refused for gifts never made, dead once revoked.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ProofOfGivingTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private const string Email = "proud-giver@example.test";

    private readonly PledgeKit kit = new(fixture);

    [Fact]
    public async Task A_proof_verifies_for_anyone_reveals_nothing_of_the_listener_and_stops_verifying_once_revoked()
    {
        var (listener, year) = await ListenerWhoGaveAsync();
        var anyone = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var created = await SendAsync(listener, HttpMethod.Post, "/api/v1/me/proofs", new { station = "kexp-fm", year });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var proof = await created.Content.ReadFromJsonAsync<JsonElement>();
        var token = proof.GetProperty("token").GetString()!;
        Assert.Equal(43, token.Length);
        Assert.EndsWith($"/proofs/{token}", proof.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(LinkTokens.Hash(token), (await StoredProofAsync()).TokenHash);

        var check = await anyone.GetAsync($"/api/v1/proofs/{token}");
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var body = await check.Content.ReadAsStringAsync();
        var answer = JsonDocument.Parse(body).RootElement;
        Assert.Equal(["station", "stationName", "period", "valid"], answer.EnumerateObject().Select(p => p.Name));
        Assert.Equal("kexp-fm", answer.GetProperty("station").GetString());
        Assert.Equal(year.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.GetProperty("period").GetString());
        Assert.True(answer.GetProperty("valid").GetBoolean());
        var page = await anyone.GetStringAsync($"/proofs/{token}");
        Assert.Contains("Valid: a supporter of KEXP gave in", page, StringComparison.Ordinal);
        var listenerId = (await StoredProofAsync()).ListenerId;
        foreach (var said in new[] { body, page })
        {
            Assert.DoesNotContain(Email, said, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("proud-giver", said, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(listenerId, said, StringComparison.OrdinalIgnoreCase);
        }

        var stranger = await Accounts.SignedInClientAsync(App, "stranger@example.test", Roles.Listener);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(stranger, HttpMethod.Delete, $"/api/v1/me/proofs/{proof.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.True((await anyone.GetFromJsonAsync<JsonElement>($"/api/v1/proofs/{token}")).GetProperty("valid").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(listener, HttpMethod.Delete, $"/api/v1/me/proofs/{proof.GetProperty("id").GetGuid()}")).StatusCode);
        var revoked = await anyone.GetAsync($"/api/v1/proofs/{token}");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.False((await revoked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("valid").GetBoolean());
        Assert.Contains("Not valid: this proof was revoked", await anyone.GetStringAsync($"/proofs/{token}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(listener, HttpMethod.Delete, $"/api/v1/me/proofs/{proof.GetProperty("id").GetGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_proof_for_a_station_or_year_the_listener_did_not_give_to_is_refused_naming_the_field_and_nothing_is_written()
    {
        var (listener, year) = await ListenerWhoGaveAsync();
        await kit.AddStationAsync("WNYC-FM", "WNYC");
        var someoneElse = await Accounts.SignedInClientAsync(App, "gave-nothing@example.test", Roles.Listener);

        var cases = new (HttpClient Client, object Body, string Field)[]
        {
            (listener, new { station = "wnyc-fm", year }, "station"),
            (listener, new { station = "kexp-fm", year = year - 1 }, "year"),
            (listener, new { station = "kexp-fm", year = year + 1 }, "year"),
            (listener, new { station = "kexp-fm", year = (int?)null }, "year"),
            (listener, new { station = "no-such-fm", year }, "station"),
            (listener, new { station = "", year }, "station"),
            (someoneElse, new { station = "kexp-fm", year }, "station"),
        };
        foreach (var (client, body, field) in cases)
        {
            var response = await SendAsync(client, HttpMethod.Post, "/api/v1/me/proofs", body);
            var problem = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{JsonSerializer.Serialize(body)}: {response.StatusCode} {problem}");
            Assert.True(JsonDocument.Parse(problem).RootElement.GetProperty("errors").EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase)), $"{JsonSerializer.Serialize(body)} did not name {field}: {problem}");
        }

        Assert.Equal(0, await kit.CountAsync<GivingProof>());
    }

    [Fact]
    public async Task Junk_and_unknown_tokens_are_404_never_a_server_error()
    {
        var anyone = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        string[] tokens = ["x", LinkTokens.New(), LinkTokens.New()[..42] + "!", new string('a', 5000), "..%2F..%2Fetc%2Fpasswd", "%E2%80%AE", "' OR 1=1 --"];
        foreach (var token in tokens)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/api/v1/proofs/{token}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/proofs/{token}")).StatusCode);
        }
    }

    private async Task<(HttpClient Listener, int Year)> ListenerWhoGaveAsync()
    {
        await kit.AddStationAsync();
        var listener = await Accounts.SignedInClientAsync(App, Email, Roles.Listener);
        Assert.NotNull(await kit.PayAsync(await PledgeKit.PostAsync(listener, PledgeKit.Body(1000, email: null))));
        await kit.WebhooksDeliveredAsync();
        var paidAt = await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.Select(p => p.PaidAt).SingleAsync());
        return (listener, paidAt.UtcDateTime.Year);
    }

    private Task<GivingProof> StoredProofAsync() => App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().GivingProofs.AsNoTracking().SingleAsync());

    /// <summary>An API call as a signed-in browser makes it: the cookie, and the antiforgery token on unsafe calls.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        var antiforgery = await client.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery");
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add(antiforgery.GetProperty("header").GetString()!, antiforgery.GetProperty("token").GetString());
        return await client.SendAsync(request);
    }
}
