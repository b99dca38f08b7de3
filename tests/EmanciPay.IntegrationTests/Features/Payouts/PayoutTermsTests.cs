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

/// <summary>
/// Issue 12: no money leaves escrow for a station that has not agreed to honour its listeners' terms. A request is
/// refused naming the terms, the portal says why and links to agreeing, and the sweep sets aside a scheduled payout and
/// an approved one with the reason instead of paying or stalling on them.
/// </summary>
[Collection(PayoutsCollection.Name)]
public sealed class PayoutTermsTests : IntegrationTest
{
    private readonly PayoutsFixture fixture;
    private readonly PayoutKit kit;

    public PayoutTermsTests(PayoutsFixture fixture)
        : base(fixture)
    {
        this.fixture = fixture;
        fixture.Transfers.Reset();
        fixture.Factory.Emulator.Webhooks.Reset();
        kit = new PayoutKit(fixture);
    }

    [Fact]
    public async Task A_request_is_refused_naming_the_terms_and_the_portal_links_to_agreeing_until_the_station_agrees()
    {
        await kit.StationAsync();
        var funded = await kit.FundAsync(5_000);
        const string email = "unagreed@kexp.example";
        using var client = await Accounts.SignedInManagerAsync(App, email, PayoutKit.Slug);
        var manager = TestSender.SignedIn(await kit.UserIdAsync(email), twoFactor: false, Roles.StationManager);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => kit.RequestAsync(manager, 1_000));
        Assert.Equal(("Terms", PayoutTerms.NotAgreed), (Assert.Single(refused.Errors).PropertyName, refused.Errors.Single().ErrorMessage));

        var api = await PostPayoutAsync(client, new { amount = 1_000, currency = "usd" }, "terms-1");
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([PayoutTerms.NotAgreed], problem.GetProperty("errors").GetProperty("terms").EnumerateArray().Select(e => e.GetString()));
        Assert.False((await client.GetFromJsonAsync<JsonElement>("/api/v1/stations/kexp-fm/payouts")).GetProperty("termsAgreed").GetBoolean());

        var page = await client.GetStringAsync("/manage/kexp-fm/payouts");
        Assert.Contains("wait until KEXP agrees to honour its listeners' terms", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/manage/kexp-fm/terms\">Read the terms and agree to them</a>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Request payout</button>", page, StringComparison.Ordinal);
        Assert.Equal(0, await kit.Pledges.CountAsync<Payout>());
        Assert.Equal(funded, (await kit.Pledges.EscrowAsync()).AvailableCredit);

        await PayoutKit.AgreeToTermsAsync(App, email);

        var accepted = await PostPayoutAsync(client, new { amount = 1_000, currency = "usd" }, "terms-2");
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        page = await client.GetStringAsync("/manage/kexp-fm/payouts");
        Assert.DoesNotContain("Read the terms and agree to them", page, StringComparison.Ordinal);
        Assert.Contains("Request payout</button>", page, StringComparison.Ordinal);
        await kit.RunJobsAsync();
        var paid = await kit.PayoutAsync((await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(PayoutStatus.Paid, paid.Status);
        await kit.BooksAgreeAsync(funded);
    }

    [Fact]
    public async Task Once_the_agreement_lapses_the_sweep_sets_aside_the_due_schedule_and_the_approved_payout_with_the_reason_and_moves_on()
    {
        await kit.StationAsync();
        var funded = await kit.FundAsync(5_000, 5_000);
        var agreed = await kit.ManagerAsync("agreed@kexp.example");
        var other = await kit.ManagerAsync("other@kexp.example", agreeToTerms: false);
        await App.SendAsync(new SetPayoutSchedule.Command(kit.StationId, "usd", PayoutFrequency.Weekly, 1_000), other);
        var approved = await kit.RequestAsync(agreed, 3_000);
        Assert.Equal("approved", approved.Status);

        // The manager who agreed leaves the station: their agreement no longer counts for it, and no one else has agreed.
        var agreedId = await kit.UserIdAsync("agreed@kexp.example");
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IAppDbContext>();
            db.StationManagers.RemoveRange(await db.StationManagers.Where(m => m.UserId == agreedId).ToListAsync());
            return await db.SaveChangesAsync();
        });
        Assert.False((await App.SendAsync(new ListPayouts.Query(kit.StationId), other)).TermsAgreed);

        fixture.Time.Advance(TimeSpan.FromDays(7));
        await App.SendAsync(new SweepPayouts.Command());
        await kit.RunJobsAsync();

        var setAside = await kit.PayoutAsync(approved.Id);
        Assert.Equal((PayoutStatus.Failed, PayoutTerms.NotAgreed), (setAside.Status, setAside.Reason));
        Assert.Empty(await kit.StripeTransfersAsync());
        Assert.Equal(0, fixture.Transfers.Created);
        Assert.Equal(1, await kit.Pledges.CountAsync<Payout>());
        var listed = await App.SendAsync(new ListPayouts.Query(kit.StationId), other);
        Assert.True(Assert.Single(listed.Schedules).NextDueAt > fixture.Time.GetUtcNow(), "the schedule moved past the date it set aside");
        Assert.Equal(PayoutTerms.NotAgreed, Assert.Single(listed.Payouts).Reason);
        Assert.Equal(funded, (await kit.Pledges.EscrowAsync()).AvailableCredit);
        await kit.BooksAgreeAsync(funded);

        // Once a manager agrees, the next date pays out everything, the set-aside payout's amount included.
        await App.SendAsync(new Application.Features.Terms.AgreeToTerms.Command(kit.StationId), other);
        fixture.Time.Advance(TimeSpan.FromDays(7));
        await App.SendAsync(new SweepPayouts.Command());
        await kit.RunJobsAsync();

        var payouts = (await App.SendAsync(new ListPayouts.Query(kit.StationId), other)).Payouts;
        Assert.Equal(("paid", funded, true), (payouts[0].Status, payouts[0].Amount, payouts[0].RequestedBySchedule));
        await kit.BooksAgreeAsync(funded);
    }

    private static async Task<HttpResponseMessage> PostPayoutAsync(HttpClient client, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/stations/kexp-fm/payouts") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        var antiforgery = await client.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery");
        request.Headers.Add(antiforgery.GetProperty("header").GetString()!, antiforgery.GetProperty("token").GetString());
        return await client.SendAsync(request);
    }
}
