using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Claims;
using EmanciPay.Domain.Recipients;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Claims;

/// <summary>Issue 9, claiming: evidence, the mailed link, an admin's decision, and what approval does.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClaimingTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private readonly ClaimKit kit = new(fixture);

    [Fact]
    public async Task A_claim_confirmed_by_its_link_and_approved_makes_the_claimant_manager_and_tells_each_listener_once()
    {
        await kit.AddStationAsync();
        var pledges = new PledgeKit(App);
        foreach (var (email, key) in new[] { ("ann@example.test", "k1"), ("bob@example.test", "k2"), ("ANN@example.test", "k3") })
        {
            await pledges.PayAsync(await pledges.PledgeAsync(1000, key, email: email));
        }

        await pledges.WebhooksDeliveredAsync();
        var claimant = await Accounts.SignedInClientAsync(App, "gm@example.test", Roles.Listener);

        var created = await ClaimKit.ClaimAsync(claimant, email: "gm@news.kexp.org");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal("awaiting_email", body.GetProperty("status").GetString());
        var (claim, token) = await kit.LinkMailedToAsync("gm@news.kexp.org", id);
        Assert.Equal(id, claim);
        Assert.NotEqual(token, (await kit.ClaimRowAsync(id)).EmailTokenHash);
        Assert.Equal(LinkTokens.Hash(token), (await kit.ClaimRowAsync(id)).EmailTokenHash);

        // Opening the link changes nothing (a mail scanner may fetch it); pressing its button confirms.
        Assert.Equal(HttpStatusCode.OK, (await claimant.GetAsync($"/claims/{id}/confirm?token={token}")).StatusCode);
        Assert.Equal(StationClaimStatus.AwaitingEmail, (await kit.ClaimRowAsync(id)).Status);
        var confirmed = await ClaimKit.ConfirmAsync(App.Factory.CreateClient(), id, token);
        Assert.Contains("the address is confirmed", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(StationClaimStatus.Pending, (await kit.ClaimRowAsync(id)).Status);

        var admin = await Accounts.SignedInStaffAsync(App, "admin@example.test", Roles.Admin);
        var pending = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/claims?status=pending");
        var listed = Assert.Single(pending.EnumerateArray());
        Assert.Equal(("gm@example.test", "gm@news.kexp.org", "+1 206 555 0100"), (listed.GetProperty("claimant").GetString(), listed.GetProperty("email").GetString(), listed.GetProperty("phone").GetString()));

        var approved = await ClaimKit.PostAsync(admin, $"/api/v1/admin/claims/{id}/approve");
        Assert.True(approved.StatusCode == HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        Assert.Equal(2, (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("listenersToTell").GetInt32());

        var station = await kit.StationAsync();
        Assert.True(station.IsClaimed);
        Assert.True(await kit.IsInRoleAsync("gm@example.test", Roles.StationManager));
        var user = await kit.UserAsync("gm@example.test");
        Assert.True(await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().StationManagers.AnyAsync(m => m.RecipientId == station.Id && m.UserId == user.Id)));
        Assert.Null((await App.SendAsync(new Application.Features.Stations.GetStation.Query("kexp-fm"), TestSender.Anonymous)).HoldDeadlineForNewPledges);

        var ann = await Accounts.MailToAsync(App.Factory, "ann@example.test", "KEXP has claimed your gift");
        Assert.Contains("no longer held against a deadline", ann.TextBody, StringComparison.Ordinal);
        await Accounts.MailToAsync(App.Factory, "bob@example.test", "KEXP has claimed your gift");
        await PledgeKit.WaitForAsync(async () => await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().StationClaimNotices.CountAsync(n => n.SentAt != null)) == 2);
        Assert.Equal(2, App.Factory.Mail.Messages().Count(m => (m.Subject ?? "").Contains("claimed your gift", StringComparison.Ordinal)));

        // Both sides see the history.
        var mine = Assert.Single((await claimant.GetFromJsonAsync<JsonElement>("/api/v1/me/claims")).EnumerateArray());
        Assert.Equal("approved", mine.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, mine.GetProperty("emailConfirmedAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, mine.GetProperty("decidedAt").ValueKind);
        var history = Assert.Single((await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/claims?status=approved")).EnumerateArray());
        Assert.Equal("admin@example.test", history.GetProperty("decidedBy").GetString());
    }

    [Fact]
    public async Task A_used_or_expired_or_wrong_link_is_refused_naming_the_token_and_changes_nothing()
    {
        await kit.AddStationAsync();
        var (client, id) = await kit.PendingClaimAsync("gm@example.test", "gm@kexp.org");
        var confirmed = await kit.ClaimRowAsync(id);

        var (_, usedToken) = await kit.LinkMailedToAsync("gm@kexp.org", id);
        var reused = await ClaimKit.ConfirmAsync(client, id, usedToken);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("already used", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(confirmed.Version, (await kit.ClaimRowAsync(id)).Version);

        var other = await ClaimKit.ClaimIdAsync(await ClaimKit.ClaimAsync(await Accounts.SignedInClientAsync(App, "gm2@example.test", Roles.Listener), email: "ops@kexp.org"));
        var (_, token) = await kit.LinkMailedToAsync("ops@kexp.org", other);
        var wrong = await ClaimKit.ConfirmAsync(client, other, token + "x");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("not valid", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().StationClaims.Where(c => c.Id == other)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.EmailLinkExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var expired = await ClaimKit.ConfirmAsync(client, other, token);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(StationClaimStatus.AwaitingEmail, (await kit.ClaimRowAsync(other)).Status);

        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => App.SendAsync(new ConfirmClaimEmail.Command(other, token), TestSender.Anonymous));
        Assert.Contains("token", refused.Errors.Select(e => e.PropertyName));
    }

    [Fact]
    public async Task Claims_that_cannot_be_are_refused_with_a_4xx_naming_the_field_and_nothing_written()
    {
        await kit.AddStationAsync();
        await kit.AddStationAsync("WXYZ", "No Website Radio", website: null);
        var client = await Accounts.SignedInClientAsync(App, "gm@example.test", Roles.Listener);

        Assert.Equal(HttpStatusCode.NotFound, (await ClaimKit.ClaimAsync(client, "nowhere-fm")).StatusCode);
        await AssertRefusedAsync(await ClaimKit.ClaimAsync(client, email: "gm@kexp.org.evil.test"), "email", "kexp.org");
        await AssertRefusedAsync(await ClaimKit.ClaimAsync(client, email: "gm@notkexp.org"), "email", "kexp.org");
        await AssertRefusedAsync(await ClaimKit.ClaimAsync(client, "wxyz"), "station", "no website");
        await AssertRefusedAsync(await ClaimKit.ClaimAsync(client, phone: ""), "phone", "");
        Assert.Equal(0, await kit.ClaimCountAsync());

        await ClaimKit.ClaimIdAsync(await ClaimKit.ClaimAsync(client));
        await AssertRefusedAsync(await ClaimKit.ClaimAsync(client, email: "other@kexp.org"), "station", "already have a claim");
        Assert.Equal(1, await kit.ClaimCountAsync());

        await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Recipients.Where(r => r.Slug == "kexp-fm")
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedAt, DateTimeOffset.UtcNow)));
        var another = await Accounts.SignedInClientAsync(App, "gm2@example.test", Roles.Listener);
        await AssertRefusedAsync(await ClaimKit.ClaimAsync(another), "station", "already been claimed");
        Assert.Equal(1, await kit.ClaimCountAsync());
    }

    [Fact]
    public async Task Of_two_admins_approving_competing_claims_at_once_exactly_one_succeeds_and_the_other_claim_is_rejected()
    {
        await kit.AddStationAsync();
        var (_, first) = await kit.PendingClaimAsync("one@example.test", "one@kexp.org");
        var (_, second) = await kit.PendingClaimAsync("two@example.test", "two@kexp.org");
        var admin1 = await Accounts.SignedInStaffAsync(App, "admin1@example.test", Roles.Admin);
        var admin2 = await Accounts.SignedInStaffAsync(App, "admin2@example.test", Roles.Admin);

        var side = await admin1.GetFromJsonAsync<JsonElement>("/api/v1/admin/claims");
        Assert.All(side.EnumerateArray(), c => Assert.Equal(1, c.GetProperty("competing").GetInt32()));

        var answers = await Task.WhenAll(
            ClaimKit.PostAsync(admin1, $"/api/v1/admin/claims/{first}/approve"),
            ClaimKit.PostAsync(admin2, $"/api/v1/admin/claims/{second}/approve"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.BadRequest], answers.Select(a => a.StatusCode).Order());
        var rows = new[] { await kit.ClaimRowAsync(first), await kit.ClaimRowAsync(second) };
        Assert.Single(rows, r => r.Status == StationClaimStatus.Approved);
        Assert.Single(rows, r => r.Status == StationClaimStatus.Rejected && r.DecisionReason == ApproveClaim.OtherClaimApproved);
        Assert.Equal(1, await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().StationManagers.CountAsync()));
    }

    [Fact]
    public async Task A_claim_is_rejected_with_its_reason_which_the_claimant_sees_and_a_decided_claim_cannot_be_decided_again()
    {
        await kit.AddStationAsync();
        var (client, id) = await kit.PendingClaimAsync("gm@example.test", "gm@kexp.org");
        var admin = await Accounts.SignedInStaffAsync(App, "admin@example.test", Roles.Admin);

        var blank = await ClaimKit.PostAsync(admin, $"/api/v1/admin/claims/{id}/reject", new { reason = " " });
        await AssertRefusedAsync(blank, "reason", "");
        Assert.Equal(StationClaimStatus.Pending, (await kit.ClaimRowAsync(id)).Status);

        Assert.Equal(HttpStatusCode.OK, (await ClaimKit.PostAsync(admin, $"/api/v1/admin/claims/{id}/reject", new { reason = "We could not reach you." })).StatusCode);
        await AssertRefusedAsync(await ClaimKit.PostAsync(admin, $"/api/v1/admin/claims/{id}/approve"), "claim", "");
        Assert.Equal(HttpStatusCode.NotFound, (await ClaimKit.PostAsync(admin, $"/api/v1/admin/claims/{Guid.NewGuid()}/approve")).StatusCode);

        var page = await client.GetStringAsync("/claims");
        Assert.Contains("rejected it: We could not reach you.", page, StringComparison.Ordinal);
        Assert.False((await kit.StationAsync()).IsClaimed);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field, string words)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), body);
        Assert.Contains(words, messages.ToString(), StringComparison.Ordinal);
    }
}
