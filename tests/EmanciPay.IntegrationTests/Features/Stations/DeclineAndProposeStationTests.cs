using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Stations;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Recipients;
using EmanciPay.IntegrationTests.Features.Claims;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Stations;

/// <summary>Issue 9: a station that will not join, and stations users propose.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DeclineAndProposeStationTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private readonly PledgeKit pledges = new(fixture);
    private readonly ClaimKit claims = new(fixture);

    [Fact]
    public async Task A_declined_station_refunds_its_escrow_at_once_through_the_ledger_refuses_pledges_and_says_why()
    {
        await pledges.AddStationAsync();
        await pledges.PayAsync(await pledges.PledgeAsync(1000, "k1", email: "ann@example.test"));
        await pledges.PayAsync(await pledges.PledgeAsync(2500, "k2", email: "bob@example.test"));
        await pledges.WebhooksDeliveredAsync();
        Assert.Equal(941 + 2397, (await pledges.EscrowAsync()).AvailableCredit);
        var claimant = await Accounts.SignedInClientAsync(App, "gm@example.test", Roles.Listener);
        var claim = await ClaimKit.ClaimIdAsync(await ClaimKit.ClaimAsync(claimant));
        _ = await pledges.PledgeAsync(1000, "k3", email: "cat@example.test");

        var admin = await Accounts.SignedInStaffAsync(App, "admin@example.test", Roles.Admin);
        var declined = await Accounts.PostFormAsync(admin, "/admin/stations?handler=Decline", new() { ["Input.Slug"] = "KEXP-FM", ["Input.Reason"] = "KEXP takes gifts on its own site only." }, "/admin/stations");
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Contains("2 payment(s) are being refunded", await declined.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A new pledge is refused at once (the station was in the pledge cache), naming the station and saying why.
        var refused = await pledges.PostPledgeAsync(PledgeKit.Body(), "k4");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("station").ToString();
        Assert.Contains("KEXP takes gifts on its own site only.", errors, StringComparison.Ordinal);

        await PledgeKit.WaitForAsync(async () => await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.CountAsync(p => p.RefundedAt != null)) == 2);
        await pledges.WebhooksDeliveredAsync();
        var escrow = await pledges.EscrowAsync();
        Assert.Equal((0L, 0L), (escrow.AvailableCredit, escrow.DebitsPending));
        Assert.Equal(0, (await pledges.BalancesAsync()).Values.Sum(b => b.DebitsPosted - b.CreditsPosted));
        var refunds = App.Factory.Emulator.ListBalanceTransactions([])["data"]!.AsArray().Where(t => t!["type"]!.GetValue<string>() == "refund").Select(t => t!["amount"]!.GetValue<long>()).Order();
        Assert.Equal([-2500L, -1000L], refunds);
        var notice = await Accounts.MailToAsync(App.Factory, "bob@example.test", "Your pledge to KEXP was refunded");
        Assert.Contains("KEXP takes gifts on its own site only.", notice.TextBody, StringComparison.Ordinal);
        Assert.Equal(StationClaimStatus.Rejected, (await claims.ClaimRowAsync(claim)).Status);

        var page = await pledges.Client.GetStringAsync("/stations/kexp-fm");
        Assert.Contains("will not join EmanciPay", page, StringComparison.Ordinal);
        Assert.Contains("KEXP takes gifts on its own site only.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Review pledge", page, StringComparison.Ordinal);

        var again = await Accounts.PostFormAsync(admin, "/admin/stations?handler=Decline", new() { ["Input.Slug"] = "kexp-fm", ["Input.Reason"] = "Again." }, "/admin/stations");
        Assert.Contains("already claimed its escrow or declined", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(4, await pledges.CountAsync<JournalEntry>());
    }

    [Fact]
    public async Task A_proposed_station_is_hidden_from_all_but_its_proposer_and_admins_until_an_admin_lists_it()
    {
        await pledges.AddStationAsync();
        var proposer = await Accounts.SignedInClientAsync(App, "gm@example.test", Roles.Listener);
        var proposed = await Accounts.PostFormAsync(proposer, "/stations/propose", new()
        {
            ["Input.Name"] = "Nowhere Radio", ["Input.CallSign"] = "kzzz", ["Input.City"] = "Nowhere", ["Input.State"] = "KS", ["Input.Website"] = "https://www.kzzz.example",
        });
        Assert.Equal("/stations/kzzz/claim", proposed.Headers.Location?.ToString());
        var duplicate = await Accounts.PostFormAsync(proposer, "/stations/propose", new() { ["Input.Name"] = "Again", ["Input.CallSign"] = "KEXP-FM", ["Input.City"] = "Seattle", ["Input.State"] = "WA", ["Input.Website"] = "https://kexp.org" });
        Assert.Contains("already in the directory", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var anonymous = pledges.Client;
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/stations/kzzz")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await Accounts.SignedInClientAsync(App, "other@example.test", Roles.Listener)).GetAsync("/stations/kzzz")).StatusCode);
        Assert.Equal(0, (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/stations?q=nowhere")).GetProperty("total").GetInt32());
        Assert.Contains("waits for an EmanciPay admin", await proposer.GetStringAsync("/stations/kzzz"), StringComparison.Ordinal);
        var pledge = await pledges.PostPledgeAsync(PledgeKit.Body(station: "kzzz"), "k1");
        Assert.Equal(HttpStatusCode.BadRequest, pledge.StatusCode);
        Assert.Contains("station", (await pledge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").ToString(), StringComparison.Ordinal);

        // Its proposer may claim it before it is listed.
        Assert.Equal(HttpStatusCode.Created, (await ClaimKit.ClaimAsync(proposer, "kzzz", "gm@kzzz.example")).StatusCode);

        var admin = await Accounts.SignedInStaffAsync(App, "admin@example.test", Roles.Admin);
        var list = await admin.GetStringAsync("/admin/stations");
        Assert.Contains("Nowhere Radio", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/stations/kzzz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Accounts.PostFormAsync(admin, "/admin/stations?handler=List&slug=kzzz", [], "/admin/stations")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/stations/kzzz")).StatusCode);
        Assert.Equal(1, (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/stations?q=nowhere")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Created, (await pledges.PostPledgeAsync(PledgeKit.Body(station: "kzzz"), "k2")).StatusCode);
    }

    [Fact]
    public async Task An_unclaimed_stations_page_says_it_has_not_joined_what_happens_to_gifts_and_how_to_claim()
    {
        await pledges.AddStationAsync();

        var page = await pledges.Client.GetStringAsync("/stations/kexp-fm");

        Assert.Contains("KEXP has not joined EmanciPay and does not endorse this page.", page, StringComparison.Ordinal);
        Assert.Contains("for 90 days from your payment", page, StringComparison.Ordinal);
        Assert.Contains("refunded to your card in full", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/stations/kexp-fm/claim\"", page, StringComparison.Ordinal);
        var station = await App.SendAsync(new GetStation.Query("kexp-fm"), TestSender.Anonymous);
        Assert.Equal((true, false, false), (station.Listed, station.Declined, station.Claimed));
    }
}
