using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Payouts;
using EmanciPay.Domain.Payouts;
using EmanciPay.IntegrationTests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Payouts;

/// <summary>Approval, final failure, schedules, and who may see and do what on the payout pages and endpoints.</summary>
[Collection(PayoutsCollection.Name)]
public sealed class PayoutRulesTests : IntegrationTest
{
    private readonly PayoutsFixture fixture;
    private readonly PayoutKit kit;

    public PayoutRulesTests(PayoutsFixture fixture)
        : base(fixture)
    {
        this.fixture = fixture;
        fixture.Transfers.Reset();
        fixture.Factory.Emulator.Webhooks.Reset();
        kit = new PayoutKit(fixture);
    }

    [Fact]
    public async Task Above_the_limit_a_payout_waits_for_a_finance_user_other_than_its_requester_and_a_rejection_gives_the_money_back()
    {
        await kit.StationAsync();
        var funded = await kit.FundAsync(100_000, 100_000, 100_000);
        var manager = await kit.ManagerAsync();
        var large = await kit.RequestAsync(manager, 150_000, "large-1");
        Assert.Equal("awaiting_approval", large.Status);
        await kit.RunJobsAsync();
        Assert.Empty(await kit.StripeTransfersAsync());

        var requesterAsFinance = TestSender.SignedIn(await kit.UserIdAsync("manager@kexp.example"), twoFactor: true, Roles.Finance);
        await Assert.ThrowsAsync<AccessDeniedException>(() => App.SendAsync(new ApprovePayout.Command(large.Id), requesterAsFinance));
        var financeWithoutSecondFactor = TestSender.SignedIn(await kit.UserIdAsync("manager@kexp.example"), twoFactor: false, Roles.Finance);
        await Assert.ThrowsAsync<AccessDeniedException>(() => App.SendAsync(new ApprovePayout.Command(large.Id), financeWithoutSecondFactor));
        await Assert.ThrowsAsync<AccessDeniedException>(() => App.SendAsync(new ApprovePayout.Command(large.Id), manager));

        var finance = await kit.FinanceAsync();
        var listed = await App.SendAsync(new ListPayoutsAwaitingApproval.Query(), finance);
        Assert.Equal(large.Id, Assert.Single(listed).Payout.Id);
        Assert.Equal("approved", (await App.SendAsync(new ApprovePayout.Command(large.Id), finance)).Status);
        var again = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new ApprovePayout.Command(large.Id), finance));
        Assert.Equal("Status", Assert.Single(again.Errors).PropertyName);
        await kit.RunJobsAsync();
        Assert.Equal(PayoutStatus.Paid, (await kit.PayoutAsync(large.Id)).Status);

        var second = await kit.RequestAsync(manager, null, "large-2");
        Assert.Equal(funded - 150_000, second.Amount);
        var refused = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new RejectPayout.Command(second.Id, " "), finance));
        Assert.Equal("Reason", Assert.Single(refused.Errors).PropertyName);
        await App.SendAsync(new RejectPayout.Command(second.Id, "Bank details are being checked."), finance);
        await kit.RunJobsAsync();

        Assert.Equal((PayoutStatus.Rejected, "Bank details are being checked."), ((await kit.PayoutAsync(second.Id)).Status, (await kit.PayoutAsync(second.Id)).Reason));
        await kit.BooksAgreeAsync(funded);
        var mail = await Accounts.MailToAsync(App.Factory, "manager@kexp.example", "not approved");
        Assert.Contains("Bank details are being checked.", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transfer_Stripe_refuses_for_good_voids_the_reservation_and_tells_the_manager_why()
    {
        await kit.StationAsync(onboardedAtStripe: false);
        var funded = await kit.FundAsync(5_000);
        var manager = await kit.ManagerAsync();

        var payout = await kit.RequestAsync(manager, 3_000);
        await kit.RunJobsAsync();

        var failed = await kit.PayoutAsync(payout.Id);
        Assert.Equal(PayoutStatus.Failed, failed.Status);
        Assert.Contains("cannot receive transfers", failed.Reason, StringComparison.Ordinal);
        await kit.BooksAgreeAsync(funded);
        Assert.Equal(funded, (await kit.Pledges.EscrowAsync()).AvailableCredit);
        var mail = await Accounts.MailToAsync(App.Factory, "manager@kexp.example", "failed");
        Assert.Contains("cannot receive transfers", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_is_requested_while_Stripe_cannot_pay_the_station_or_beyond_what_is_available()
    {
        await kit.StationAsync(payoutsEnabled: false);
        await kit.FundAsync(5_000);
        var manager = await kit.ManagerAsync();
        var disabled = await Assert.ThrowsAsync<ValidationException>(() => kit.RequestAsync(manager, 1_000));
        Assert.Equal("Currency", Assert.Single(disabled.Errors).PropertyName);
        Assert.Equal(0, await kit.Pledges.CountAsync<Payout>());
    }

    [Fact]
    public async Task A_weekly_schedule_pays_out_what_is_available_once_it_is_due_and_above_its_minimum()
    {
        await kit.StationAsync();
        var funded = await kit.FundAsync(5_000);
        var manager = await kit.ManagerAsync();
        await App.SendAsync(new SetPayoutSchedule.Command(kit.StationId, "usd", PayoutFrequency.Weekly, 10_000), manager);

        fixture.Time.Advance(TimeSpan.FromDays(7));
        await App.SendAsync(new SweepPayouts.Command());
        await kit.RunJobsAsync();
        Assert.Equal(0, await kit.Pledges.CountAsync<Payout>());

        await App.SendAsync(new SetPayoutSchedule.Command(kit.StationId, "usd", PayoutFrequency.Weekly, 1_000), manager);
        fixture.Time.Advance(TimeSpan.FromDays(7));
        await App.SendAsync(new SweepPayouts.Command());
        await kit.RunJobsAsync();

        var result = await App.SendAsync(new ListPayouts.Query(kit.StationId), manager);
        var paid = Assert.Single(result.Payouts);
        Assert.Equal(("paid", funded, true), (paid.Status, paid.Amount, paid.RequestedBySchedule));
        Assert.True(Assert.Single(result.Schedules).NextDueAt > fixture.Time.GetUtcNow());
        await kit.BooksAgreeAsync(funded);
    }

    [Fact]
    public async Task The_payout_pages_and_endpoints_refuse_anonymous_listeners_other_stations_managers_and_finance_without_two_factors()
    {
        await kit.StationAsync();
        await App.SendAsync(new Application.Features.Stations.ImportStations.Command([new("WFMU", "WFMU", "91.1 FM", "Jersey City", "NJ", "https://wfmu.org")]));
        var anonymous = App.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var listener = await Accounts.SignedInClientAsync(App, "listener@example.test", Roles.Listener);
        var otherManager = await Accounts.SignedInManagerAsync(App, "manager@wfmu.example", "wfmu");
        var financeOneFactor = await Accounts.SignedInClientAsync(App, "finance1@emancipay.example", Roles.Finance);

        Assert.StartsWith("/account/login", (await anonymous.GetAsync("/manage/kexp-fm/payouts")).Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Refused(await listener.GetAsync("/manage/kexp-fm/payouts"));
        Refused(await otherManager.GetAsync("/manage/kexp-fm/payouts"));
        Assert.Equal(HttpStatusCode.OK, (await otherManager.GetAsync("/manage/wfmu/payouts")).StatusCode);
        Assert.StartsWith("/account/login", (await anonymous.GetAsync("/finance/payouts")).Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Refused(await financeOneFactor.GetAsync("/finance/payouts"));
        Refused(await listener.GetAsync("/finance/payouts"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(anonymous, "/api/v1/stations/kexp-fm/payouts", new { amount = 100, currency = "usd" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(listener, "/api/v1/stations/kexp-fm/payouts", new { amount = 100, currency = "usd" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(otherManager, "/api/v1/stations/kexp-fm/payouts", new { amount = 100, currency = "usd" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherManager.GetAsync("/api/v1/stations/kexp-fm/payouts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await financeOneFactor.GetAsync("/api/v1/finance/payouts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(financeOneFactor, $"/api/v1/finance/payouts/{Guid.NewGuid()}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(otherManager, $"/api/v1/finance/payouts/{Guid.NewGuid()}/reject", new { reason = "no" })).StatusCode);
        Assert.Equal(0, await kit.Pledges.CountAsync<Payout>());
    }

    [Fact]
    public async Task The_API_requests_a_payout_once_per_key_and_names_a_bad_amount_writing_nothing()
    {
        await kit.StationAsync();
        var funded = await kit.FundAsync(5_000);
        var manager = await Accounts.SignedInManagerAsync(App, "manager@kexp.example", PayoutKit.Slug);
        await PayoutKit.AgreeToTermsAsync(App, "manager@kexp.example");

        var bad = await PostAsync(manager, "/api/v1/stations/kexp-fm/payouts", new { amount = -5, currency = "usd" }, "bad-1");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("amount", out _));
        var tooMuch = await PostAsync(manager, "/api/v1/stations/kexp-fm/payouts", new { amount = funded + 1, currency = "usd" }, "bad-2");
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        Assert.True((await tooMuch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("amount", out _));
        var noKey = await PostAsync(manager, "/api/v1/stations/kexp-fm/payouts", new { amount = 100, currency = "usd" }, null);
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Equal(0, await kit.Pledges.CountAsync<Payout>());

        var first = await PostAsync(manager, "/api/v1/stations/kexp-fm/payouts", new { amount = 1_000, currency = "usd" }, "good-1");
        var retry = await PostAsync(manager, "/api/v1/stations/kexp-fm/payouts", new { amount = 1_000, currency = "usd" }, "good-1");
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retry.StatusCode));
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("approved", created.GetProperty("status").GetString());
        Assert.Equal(created.GetProperty("id").GetString(), (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        await kit.RunJobsAsync();

        var history = await manager.GetFromJsonAsync<JsonElement>("/api/v1/stations/kexp-fm/payouts");
        Assert.Equal("paid", history.GetProperty("payouts")[0].GetProperty("status").GetString());
        var page = await manager.GetStringAsync("/manage/kexp-fm/payouts");
        Assert.Contains("$10.00", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"payout-status\">Paid</td>", page, StringComparison.Ordinal);
        await kit.BooksAgreeAsync(funded);
    }

    /// <summary>403, or the redirect to the page saying access is denied.</summary>
    private static void Refused(HttpResponseMessage response) =>
        Assert.True(
            response.StatusCode == HttpStatusCode.Forbidden || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/access-denied", StringComparison.OrdinalIgnoreCase)),
            $"{response.RequestMessage!.RequestUri}: {(int)response.StatusCode} {response.Headers.Location}");

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body, string? key = "key-1")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        var antiforgery = await client.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery");
        request.Headers.Add(antiforgery.GetProperty("header").GetString()!, antiforgery.GetProperty("token").GetString());
        return await client.SendAsync(request);
    }
}
