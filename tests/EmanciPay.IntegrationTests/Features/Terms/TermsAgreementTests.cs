using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmanciPay.Application.Common;
using EmanciPay.IntegrationTests.Features.Claims;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Terms;

/// <summary>A station's signed agreement to the listeners' terms: made by claiming or from the portal, public, and checkable by anyone.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TermsAgreementTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private readonly ClaimKit claims = new(fixture);

    [Fact]
    public async Task A_signed_agreement_verifies_and_a_copy_with_another_version_time_station_or_signature_fails()
    {
        await claims.AddStationAsync();
        var manager = await Accounts.SignedInManagerAsync(App, "manager@kexp.test", "kexp-fm");
        var agreed = await ClaimKit.PostAsync(manager, "/api/v1/stations/kexp-fm/terms-agreement");
        Assert.Equal(HttpStatusCode.OK, agreed.StatusCode);
        var anybody = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var agreement = await anybody.GetFromJsonAsync<JsonElement>("/api/v1/terms/stations/kexp-fm/agreement");
        var payload = agreement.GetProperty("payload").GetString()!;
        var signature = agreement.GetProperty("signature").GetString()!;
        var content = JsonNode.Parse(payload)!;

        Assert.True(agreement.GetProperty("coversRoster").GetBoolean());
        Assert.Equal((await claims.UserAsync("manager@kexp.test")).Id, content["agreedBy"]!.GetValue<string>());
        Assert.Equal("kexp-fm", content["station"]!["slug"]!.GetValue<string>());
        Assert.Contains(content["terms"]!.AsArray(), t => t!["id"]!.GetValue<string>() == "cc-anonymous" && t["version"]!.GetValue<int>() == 1);
        Assert.True(await ValidAsync(anybody, payload, signature));

        // Checked with the published key alone, outside the app, as anyone would.
        var key = await anybody.GetFromJsonAsync<JsonElement>("/api/v1/terms/public-key");
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(key.GetProperty("publicKeyPem").GetString());
        Assert.True(ecdsa.VerifyData(Encoding.UTF8.GetBytes(payload), Convert.FromBase64String(signature), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.Equal(agreement.GetProperty("keyId").GetString(), key.GetProperty("keyId").GetString());

        var otherVersion = payload.Replace("\"version\":1", "\"version\":2", StringComparison.Ordinal);
        var otherTime = Tamper(payload, n => n["agreedAt"] = n["agreedAt"]!.GetValue<DateTimeOffset>().AddDays(-1));
        var otherStation = Tamper(payload, n => n["station"]!["slug"] = "wfmu");
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var strangersSignature = Convert.ToBase64String(stranger.SignData(Encoding.UTF8.GetBytes(payload), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.NotEqual(payload, otherVersion);
        Assert.False(await ValidAsync(anybody, otherVersion, signature));
        Assert.False(await ValidAsync(anybody, otherTime, signature));
        Assert.False(await ValidAsync(anybody, otherStation, signature));
        Assert.False(await ValidAsync(anybody, payload, strangersSignature));
        Assert.False(await ValidAsync(anybody, payload, "bm90IGEgc2lnbmF0dXJl"));
        Assert.False(ecdsa.VerifyData(Encoding.UTF8.GetBytes(otherTime), Convert.FromBase64String(signature), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public async Task Agreeing_again_while_the_agreement_covers_the_roster_keeps_the_one_there_is()
    {
        await claims.AddStationAsync();
        var manager = await Accounts.SignedInManagerAsync(App, "manager@kexp.test", "kexp-fm");

        var first = await (await ClaimKit.PostAsync(manager, "/api/v1/stations/kexp-fm/terms-agreement")).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await ClaimKit.PostAsync(manager, "/api/v1/stations/kexp-fm/terms-agreement")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(first.GetProperty("id").GetGuid(), second.GetProperty("id").GetGuid());
        Assert.Equal(1, await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().TermsAgreements.CountAsync()));
    }

    [Fact]
    public async Task A_claim_must_agree_to_the_terms_and_its_signed_agreement_counts_for_the_station_once_approved()
    {
        await claims.AddStationAsync();
        var claimant = await Accounts.SignedInClientAsync(App, "gm-account@example.test", Roles.Listener);

        var refused = await ClaimKit.ClaimAsync(claimant, agreeToTerms: false);
        var missing = await ClaimKit.ClaimAsync(claimant, agreeToTerms: null);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("agreeToTerms", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(0, await claims.ClaimCountAsync());

        var claim = await ClaimKit.ClaimIdAsync(await ClaimKit.ClaimAsync(claimant));
        var stored = await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().TermsAgreements.AsNoTracking().SingleAsync());
        var anybody = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal((await claims.UserAsync("gm-account@example.test")).Id, stored.UserId);
        Assert.Equal((await claims.StationAsync()).Id, stored.RecipientId);
        Assert.True(await ValidAsync(anybody, stored.Payload, stored.Signature));
        Assert.Equal(HttpStatusCode.NotFound, (await anybody.GetAsync("/api/v1/terms/stations/kexp-fm/agreement")).StatusCode);

        await Accounts.AssignManagerAsync(App, "gm-account@example.test", "kexp-fm");
        var agreement = await anybody.GetFromJsonAsync<JsonElement>("/api/v1/terms/stations/kexp-fm/agreement");
        Assert.Equal(stored.Id, agreement.GetProperty("id").GetGuid());
        Assert.NotEqual(Guid.Empty, claim);
    }

    [Fact]
    public async Task A_station_that_claimed_before_the_roster_is_asked_on_its_portal_home_and_agrees_there()
    {
        await claims.AddStationAsync();
        var manager = await Accounts.SignedInManagerAsync(App, "manager@kexp.test", "kexp-fm");

        var before = await manager.GetStringAsync("/manage/kexp-fm");
        var agreed = await Accounts.PostFormAsync(manager, "/manage/kexp-fm/terms", [], "/manage/kexp-fm");
        var after = await manager.GetStringAsync("/manage/kexp-fm");

        Assert.Contains("We agree to honour these terms", before, StringComparison.Ordinal);
        Assert.Contains("action=\"/manage/kexp-fm/terms\"", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, agreed.StatusCode);
        Assert.DoesNotContain("We agree to honour these terms", after, StringComparison.Ordinal);
        Assert.Contains("agreed to honour its listeners", after, StringComparison.Ordinal);
    }

    private static async Task<bool> ValidAsync(HttpClient client, string payload, string signature)
    {
        var response = await client.PostAsJsonAsync("/api/v1/terms/agreements/verify", new { payload, signature });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("valid").GetBoolean();
    }

    private static string Tamper(string payload, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(payload)!;
        change(node);
        return node.ToJsonString();
    }
}
