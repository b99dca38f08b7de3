using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Escrow;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Pledges;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Escrow;

/// <summary>
/// What happens to a gift its station never claims is the listener's choice: a refund (the default) or another station
/// that has claimed its escrow, changeable until the deadline, with reminders before it and a notice after.
/// </summary>
[Collection(PostgresWithClockCollection.Name)]
public sealed class UnclaimedFallbackTests(PostgresWithClockFixture fixture) : IntegrationTest(fixture)
{
    private readonly PledgeKit kit = new(fixture);

    [Fact]
    public async Task At_the_deadline_a_gift_moves_to_the_claimed_station_the_listener_chose_with_no_new_charge_and_only_once()
    {
        await StationsAsync();
        var paymentId = await PaidGiftAsync("mover@example.test", fallback: "wnyc-fm");
        var stripeMoves = StripeBalanceTransactions();

        fixture.Time.Advance(TimeSpan.FromDays(91));
        await App.SendAsync(new RefundExpiredEscrow.Command());
        await PledgeKit.WaitForAsync(async () => (await PaymentAsync(paymentId)).Disposal == ExpiryDisposal.Move);
        await App.SendAsync(new RefundExpiredEscrow.Command());
        await App.SendAsync(new MoveExpiredGift.Command(paymentId));
        await App.SendAsync(new RefundPayment.Command(paymentId));

        var payment = await PaymentAsync(paymentId);
        Assert.Null(payment.RefundedAt);
        Assert.Equal(await StationIdAsync("wnyc-fm"), payment.MovedToRecipientId);
        var balances = await kit.BalancesAsync();
        var kexp = await EscrowAsync("kexp-fm");
        var wnyc = await EscrowAsync("wnyc-fm");
        Assert.Equal(new AccountBalance(1000, 1000, 0, 0), kexp);
        Assert.Equal(new AccountBalance(0, 941, 0, 0), wnyc);
        Assert.Equal(0, balances.Values.Sum(b => b.DebitsPosted - b.CreditsPosted));
        Assert.Equal(1, await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().JournalEntries.CountAsync(e => e.CauseType == EntryCauseType.ExpiryMove)));
        Assert.Equal(0, await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().JournalEntries.CountAsync(e => e.CauseType == EntryCauseType.ExpiryRefund)));
        Assert.Equal(stripeMoves, StripeBalanceTransactions());

        var notice = await Accounts.MailToAsync(App.Factory, "mover@example.test", "went to WNYC, as you chose");
        Assert.Contains("$9.41", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("not charged again", notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_station_declines_to_join_each_gift_goes_at_once_where_its_listener_chose()
    {
        await StationsAsync();
        var moved = await PaidGiftAsync("chose@example.test", fallback: "wnyc-fm");
        var refunded = await PaidGiftAsync("default@example.test", fallback: null);

        var admin = await Accounts.SignedInStaffAsync(App, "admin@example.test", Roles.Admin);
        var declined = await Accounts.PostFormAsync(admin, "/admin/stations?handler=Decline", new() { ["Input.Slug"] = "kexp-fm", ["Input.Reason"] = "KEXP takes gifts on its own site only." }, "/admin/stations");
        Assert.Contains("1 payment(s) are being refunded and 1 moved", await declined.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await PledgeKit.WaitForAsync(async () => (await PaymentAsync(moved)).Disposal == ExpiryDisposal.Move && (await PaymentAsync(refunded)).RefundedAt is not null);
        await kit.WebhooksDeliveredAsync();
        await App.SendAsync(new RefundExpiredEscrow.Command());
        await App.SendAsync(new MoveExpiredGift.Command(moved));
        await App.SendAsync(new RefundPayment.Command(moved));

        Assert.Null((await PaymentAsync(moved)).RefundedAt);
        Assert.Equal(new AccountBalance(0, 941, 0, 0), await EscrowAsync("wnyc-fm"));
        var kexp = await EscrowAsync("kexp-fm");
        Assert.Equal(0, kexp.CreditsPosted - kexp.DebitsPosted);
        Assert.Equal(0, (await kit.BalancesAsync()).Values.Sum(b => b.DebitsPosted - b.CreditsPosted));
        Assert.Equal(1, await App.WithScopeAsync(sp => db(sp).JournalEntries.CountAsync(e => e.CauseType == EntryCauseType.ExpiryMove)));
        var refunds = App.Factory.Emulator.ListBalanceTransactions([])["data"]!.AsArray().Where(t => t!["type"]!.GetValue<string>() == "refund").Select(t => t!["amount"]!.GetValue<long>());
        Assert.Equal([-1000L], refunds);

        var notice = await Accounts.MailToAsync(App.Factory, "chose@example.test", "went to WNYC, as you chose");
        Assert.Contains("said it will not join EmanciPay", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("$9.41", notice.TextBody, StringComparison.Ordinal);
        await Accounts.MailToAsync(App.Factory, "default@example.test", "was refunded");
    }

    [Fact]
    public async Task A_listener_changes_the_choice_before_the_deadline_and_the_standing_choice_is_carried_out()
    {
        await StationsAsync();
        var (listener, pledgeId, paymentId) = await ListenerGiftAsync("changer@example.test", fallback: "wnyc-fm");

        var toRefund = await PutAsync(listener, $"/api/v1/pledges/{pledgeId}/fallback", new { station = (string?)null });
        Assert.Equal(HttpStatusCode.OK, toRefund.StatusCode);
        Assert.Null((await kit.PledgeRowAsync(pledgeId)).FallbackRecipientId);

        fixture.Time.Advance(TimeSpan.FromDays(91));
        await App.SendAsync(new RefundExpiredEscrow.Command());
        await PledgeKit.WaitForAsync(async () => (await PaymentAsync(paymentId)).RefundedAt is not null);
        Assert.Equal(ExpiryDisposal.Refund, (await PaymentAsync(paymentId)).Disposal);
        Assert.Equal(new AccountBalance(0, 0, 0, 0), await EscrowAsync("wnyc-fm"));
        await Accounts.MailToAsync(App.Factory, "changer@example.test", "was refunded");
    }

    [Fact]
    public async Task A_fallback_that_cannot_be_is_refused_naming_the_field_and_nothing_is_written()
    {
        await StationsAsync();
        await kit.AddStationAsync("WFMU-FM", "WFMU");
        var (listener, pledgeId, _) = await ListenerGiftAsync("refused@example.test", fallback: null);
        var pledges = await CountAsync<Pledge>();

        foreach (var (slug, says) in new[] { ("wfmu-fm", "has not claimed its escrow"), ("kexp-fm", "another station"), ("nope", "There is no station") })
        {
            var created = await kit.PostPledgeAsync(new { station = "kexp-fm", amount = 1000, currency = "usd", frequency = "one_time", email = "x@example.test", fallback = slug }, $"key-{slug}");
            await AssertRefusedAsync(created, "fallback", says);
            var changed = await PutAsync(listener, $"/api/v1/pledges/{pledgeId}/fallback", new { station = slug });
            await AssertRefusedAsync(changed, "fallback", says);
        }

        var toClaimed = await kit.PostPledgeAsync(new { station = "wnyc-fm", amount = 1000, currency = "usd", frequency = "one_time", email = "x@example.test", fallback = "kexp-fm" }, "key-claimed");
        await AssertRefusedAsync(toClaimed, "fallback", "claimed its escrow");
        Assert.Equal(pledges, await CountAsync<Pledge>());
        Assert.Null((await kit.PledgeRowAsync(pledgeId)).FallbackRecipientId);

        var stranger = await Accounts.SignedInClientAsync(App, "stranger@example.test", Roles.Listener);
        var theirs = await PutAsync(stranger, $"/api/v1/pledges/{pledgeId}/fallback", new { station = "wnyc-fm" });
        Assert.Contains(theirs.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        Assert.Null((await kit.PledgeRowAsync(pledgeId)).FallbackRecipientId);
    }

    [Fact]
    public async Task The_listener_is_reminded_14_and_2_days_before_the_deadline_once_each_with_the_standing_choice()
    {
        await StationsAsync();
        var paymentId = await PaidGiftAsync("reminded@example.test", fallback: "wnyc-fm");

        // Days 75 to 94 after paying, for a deadline on day 90. Each day the sweep runs and the reminder job runs once more by itself, as a duplicate would.
        foreach (var (days, expected) in new[] { (75, 0), (1, 1), (1, 1), (10, 1), (1, 2), (1, 2), (5, 2) })
        {
            fixture.Time.Advance(TimeSpan.FromDays(days));
            await App.SendAsync(new RemindUnclaimedDeadlines.Command());
            await App.SendAsync(new SendDeadlineReminder.Command(paymentId));
            await PledgeKit.WaitForAsync(() => Task.FromResult(Reminders("reminded@example.test").Count >= expected));
            Assert.True(expected == Reminders("reminded@example.test").Count, $"After {days} more days: {string.Join(" | ", Reminders("reminded@example.test").Select(m => m.Date + " " + m.TextBody))}");
        }

        Assert.All(Reminders("reminded@example.test"), m => Assert.Contains("goes to WNYC, as you chose", m.TextBody, StringComparison.Ordinal));
    }

    private async Task StationsAsync()
    {
        await kit.AddStationAsync();
        await kit.AddStationAsync("WNYC-FM", "WNYC");
        await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Recipients.Where(r => r.Slug == "wnyc-fm")
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedAt, DateTimeOffset.UtcNow)));
    }

    /// <summary>A guest's $10 gift to KEXP, paid: its payment's id.</summary>
    private async Task<Guid> PaidGiftAsync(string email, string? fallback)
    {
        var response = await kit.PostPledgeAsync(new { station = "kexp-fm", amount = 1000, currency = "usd", frequency = "one_time", email, fallback }, $"key-{email}");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await kit.PayAsync(await response.Content.ReadFromJsonAsync<JsonElement>());
        await kit.WebhooksDeliveredAsync();
        return await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.Where(p => db(sp).Pledges.Any(pl => pl.Id == p.PledgeId && pl.Email == email)).Select(p => p.Id).SingleAsync());
    }

    private async Task<(HttpClient Listener, Guid Pledge, Guid Payment)> ListenerGiftAsync(string email, string? fallback)
    {
        var listener = await Accounts.SignedInClientAsync(App, email, Roles.Listener);
        var pledge = await PledgeKit.PostAsync(listener, new { station = "kexp-fm", amount = 1000, currency = "usd", frequency = "one_time", fallback }, $"key-{email}");
        await kit.PayAsync(pledge);
        await kit.WebhooksDeliveredAsync();
        var pledgeId = pledge.GetProperty("id").GetGuid();
        var paymentId = await App.WithScopeAsync(sp => db(sp).Payments.Where(p => p.PledgeId == pledgeId).Select(p => p.Id).SingleAsync());
        return (listener, pledgeId, paymentId);
    }

    /// <summary>An unsafe API call with the cookie, carrying the antiforgery token as a browser's script would.</summary>
    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string url, object body)
    {
        var antiforgery = await client.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery");
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        request.Headers.Add(antiforgery.GetProperty("header").GetString()!, antiforgery.GetProperty("token").GetString());
        return await client.SendAsync(request);
    }

    private static IAppDbContext db(IServiceProvider sp) => sp.GetRequiredService<IAppDbContext>();

    private Task<Payment> PaymentAsync(Guid id) => App.WithScopeAsync(sp => db(sp).Payments.AsNoTracking().SingleAsync(p => p.Id == id));

    private Task<Guid> StationIdAsync(string slug) => App.WithScopeAsync(sp => db(sp).Recipients.Where(r => r.Slug == slug).Select(r => r.Id).SingleAsync());

    private async Task<AccountBalance> EscrowAsync(string slug)
    {
        var id = await StationIdAsync(slug);
        return (await kit.BalancesAsync()).GetValueOrDefault(LedgerAccount.EscrowCode(id));
    }

    private Task<int> CountAsync<T>() where T : class => kit.CountAsync<T>();

    private int StripeBalanceTransactions() => App.Factory.Emulator.ListBalanceTransactions([])["data"]!.AsArray().Count;

    private List<MimeKit.MimeMessage> Reminders(string to) => App.Factory.Mail.Messages()
        .Where(m => m.To.ToString().Contains(to, StringComparison.OrdinalIgnoreCase) && (m.Subject ?? "").Contains("has not claimed your gift yet", StringComparison.Ordinal))
        .ToList();

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field, string says)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {body}");
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        var messages = errors.EnumerateObject().Where(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase)).SelectMany(e => e.Value.EnumerateArray()).Select(m => m.GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains(says, StringComparison.Ordinal));
    }
}
