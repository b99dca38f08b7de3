using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Baskets;
using EmanciPay.Domain.Baskets;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Pledges;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Baskets;

/// <summary>
/// A listener's monthly pledges, per-use pledges and gifts charged once a month in one payment to the saved card, split
/// back to the stations to the cent; rolled over when too small; retried and paused when declined.
/// </summary>
[Collection(PostgresWithClockCollection.Name)]
public sealed class BasketTests(PostgresWithClockFixture fixture) : IntegrationTest(fixture)
{
    private static readonly string[] ReceiptFigures = ["KEXP", "WNYC", "KUOW", "$9.49", "$0.48", "$3.16", "$0.70"];

    private readonly PledgeKit kit = new(fixture);

    [Fact]
    public async Task A_basket_of_three_stations_one_unclaimed_is_charged_once_and_split_to_the_cent()
    {
        await StationsAsync();
        var (email, monthlyId, paidAt) = await MonthlyPledgeAsync(1000);
        var period = NextMonth();
        fixture.Time.SetUtcNow(BasketItems.Start(period).AddDays(3));
        var me = await BearerAsync(email);
        await CreatedAsync(me, "/api/v1/me/per-use-pledges", new { station = "wnyc-fm", ratePerHour = 10, monthlyCap = 2000, currency = "usd" });
        await CreatedAsync(me, "/api/v1/me/basket/gifts", new { station = "kuow-fm", amount = 333, currency = "usd" });
        fixture.Time.SetUtcNow(BasketItems.Start(period).AddDays(10));
        me = await BearerAsync(email);
        await CreatedAsync(me, "/api/v1/me/listening", new { station = "wnyc-fm", startedAt = BasketItems.Start(period).AddDays(4), minutes = 300 });
        var review = await me.GetFromJsonAsync<JsonElement>("/api/v1/me/basket");

        fixture.Time.SetUtcNow(BasketItems.ChargedAt(period).AddHours(1));
        await App.SendAsync(new ChargeDueBaskets.Command());
        await PledgeKit.WaitForAsync(async () => (await BasketOrNullAsync())?.Status == BasketStatus.Paid);
        await kit.WebhooksDeliveredAsync();
        await App.SendAsync(new ChargeBasket.Command(await ListenerIdAsync(email), period));
        await kit.WebhooksDeliveredAsync();

        var next = review.GetProperty("upcoming")[0];
        Assert.Equal((1383, 70), (next.GetProperty("split").GetProperty("amount").GetInt64(), next.GetProperty("split").GetProperty("fee").GetInt64()));
        var basket = await BasketAsync();
        Assert.Equal((1383L, 70L, period), (basket.Amount, basket.Fee, basket.Period));

        // One charge of 13.83 (fee 0.40 + 0.30); exact fee shares 50.61, 2.53 and 16.85 round by largest remainder.
        Assert.Equal(new AccountBalance(59 + 51, 2000, 0, 0), await EscrowAsync("kexp-fm"));
        Assert.Equal(new AccountBalance(2, 50, 0, 0), await EscrowAsync("wnyc-fm"));
        Assert.Equal(new AccountBalance(17, 333, 0, 0), await EscrowAsync("kuow-fm"));
        var balances = await kit.BalancesAsync();
        Assert.Equal(0, balances.Values.Sum(b => b.DebitsPosted - b.CreditsPosted));
        var shares = await Db(db => db.Payments.AsNoTracking().Where(p => p.BasketId == basket.Id).ToListAsync());
        Assert.Equal(3, shares.Count);
        Assert.Single(shares.Select(p => p.PaymentIntentId).Distinct());
        Assert.Equal((1383L, 70L), (shares.Sum(p => p.Gross), shares.Sum(p => p.Fee)));
        Assert.Equal(2, await kit.CountAsync<JournalEntry>());
        // The listener's two charges at Stripe: the checkout and the basket (the emulator also holds other tests' charges).
        var customer = (await Db(db => db.ListenerCards.AsNoTracking().SingleAsync(c => c.ListenerId == basket.ListenerId))).CustomerId;
        Assert.Equal(2, App.Factory.Emulator.ListPaymentIntents(new System.Text.Json.Nodes.JsonObject { ["limit"] = "100", ["customer"] = customer })["data"]!.AsArray().Count);

        var monthly = await kit.PledgeRowAsync(monthlyId);
        Assert.Equal(paidAt.AddMonths(2), monthly.NextChargeAt);
        Assert.Equal(PledgeStatus.Paid, (await Db(db => db.Pledges.AsNoTracking().SingleAsync(p => p.InBasket))).Status);
        var receipt = await Accounts.MailToAsync(App.Factory, email, "basket");
        Assert.Contains("$13.83", receipt.Subject, StringComparison.Ordinal);
        Assert.All(ReceiptFigures, text => Assert.Contains(text, receipt.TextBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_per_use_basket_counts_listening_from_the_pledge_on_rolls_over_under_the_minimum_with_a_mail_and_next_month_the_cap_holds()
    {
        await StationsAsync();
        var (email, _, _) = await MonthlyPledgeAsync(1000);
        await Db(db => db.Pledges.ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PledgeStatus.Cancelled)));
        var period = NextMonth();
        fixture.Time.SetUtcNow(BasketItems.Start(period).AddDays(10));
        var me = await BearerAsync(email);
        await CreatedAsync(me, "/api/v1/me/per-use-pledges", new { station = "wnyc-fm", ratePerHour = 10, monthlyCap = 100, currency = "usd" });
        fixture.Time.SetUtcNow(BasketItems.Start(period).AddDays(13));
        me = await BearerAsync(email);
        await CreatedAsync(me, "/api/v1/me/listening", new { station = "wnyc-fm", startedAt = BasketItems.Start(period).AddDays(12), minutes = 183 });
        // Listening logged from before the pledge was made was free: it does not count.
        await CreatedAsync(me, "/api/v1/me/listening", new { station = "wnyc-fm", startedAt = BasketItems.Start(period).AddDays(2), minutes = 600 });

        fixture.Time.SetUtcNow(BasketItems.ChargedAt(period).AddHours(1));
        await App.SendAsync(new ChargeDueBaskets.Command());
        await PledgeKit.WaitForAsync(async () => await kit.CountAsync<Basket>() == 1);
        var rolled = await BasketAsync();
        var mail = await Accounts.MailToAsync(App.Factory, email, "rolls over");

        // 3.05 hours at 0.10 is 0.305: half to even, 0.30 (under 0.50). Next month 20 hours would be 2.00: the cap is 1.00.
        Assert.Equal((BasketStatus.RolledOver, 30L), (rolled.Status, rolled.Amount));
        Assert.Contains("$0.30", mail.TextBody, StringComparison.Ordinal);
        var following = period.AddMonths(1);
        fixture.Time.SetUtcNow(BasketItems.Start(following).AddDays(5));
        me = await BearerAsync(email);
        await CreatedAsync(me, "/api/v1/me/listening", new { station = "wnyc-fm", startedAt = BasketItems.Start(following).AddDays(1), minutes = 1200 });
        fixture.Time.SetUtcNow(BasketItems.ChargedAt(following).AddHours(1));
        await App.SendAsync(new ChargeDueBaskets.Command());
        await PledgeKit.WaitForAsync(async () => (await BasketOrNullAsync(following))?.Status == BasketStatus.Paid);

        var paid = await BasketAsync(following);
        Assert.Equal(130, paid.Amount);
        Assert.True((await BasketAsync()).CarriedForward);
        Assert.Equal(new AccountBalance(paid.Fee, 130, 0, 0), await EscrowAsync("wnyc-fm"));
    }

    [Fact]
    public async Task A_declined_basket_is_retried_3_and_7_days_later_then_paused_with_a_mail_and_nothing_is_posted()
    {
        await StationsAsync();
        var (email, _, _) = await MonthlyPledgeAsync(1000);
        var card = await Db(db => db.ListenerCards.AsNoTracking().SingleAsync());
        App.Factory.Emulator.ChangeCard(card.PaymentMethodId, "4000000000000002");
        var period = NextMonth();
        var charged = BasketItems.ChargedAt(period).AddHours(1);

        var attempts = new List<(BasketStatus, int)>();
        foreach (var day in new[] { 0, 3, 7 })
        {
            fixture.Time.SetUtcNow(charged.AddDays(day));
            await App.SendAsync(new ChargeDueBaskets.Command());
            await PledgeKit.WaitForAsync(async () => await BasketOrNullAsync() is { Status: not BasketStatus.Charging } basket && basket.Attempts == attempts.Count + 1);
            var basket = await BasketAsync();
            attempts.Add((basket.Status, basket.Attempts));
        }

        Assert.Equal([(BasketStatus.Retrying, 1), (BasketStatus.Retrying, 2), (BasketStatus.Paused, 3)], attempts);
        var mail = await Accounts.MailToAsync(App.Factory, email, "could not charge");
        Assert.Contains("/me/basket", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await kit.CountAsync<Payment>());
        Assert.Equal(1, await kit.CountAsync<JournalEntry>());
        fixture.Time.SetUtcNow(charged.AddDays(20));
        await App.SendAsync(new ChargeDueBaskets.Command());
        Assert.Equal(3, (await BasketAsync()).Attempts);
    }

    [Fact]
    public async Task Basket_pledges_need_a_saved_card_and_valid_fields_and_a_refusal_writes_nothing()
    {
        await StationsAsync();
        await Accounts.CreateAsync(App, "nocard@example.test", Roles.Listener);
        var me = await BearerAsync("nocard@example.test");
        var cases = new (string Url, object Body, string Field)[]
        {
            ("/api/v1/me/per-use-pledges", new { station = "wnyc-fm", ratePerHour = 10, monthlyCap = 1000, currency = "usd" }, "card"),
            ("/api/v1/me/basket/gifts", new { station = "wnyc-fm", amount = 500, currency = "usd" }, "card"),
            ("/api/v1/me/per-use-pledges", new { station = "wnyc-fm", ratePerHour = 0, monthlyCap = 1000, currency = "usd" }, "ratePerHour"),
            ("/api/v1/me/per-use-pledges", new { station = "wnyc-fm", ratePerHour = 10, monthlyCap = -1, currency = "usd" }, "monthlyCap"),
            ("/api/v1/me/per-use-pledges", new { station = "nope", ratePerHour = 10, monthlyCap = 1000, currency = "usd" }, "station"),
            ("/api/v1/me/basket/gifts", new { station = "wnyc-fm", amount = 5, currency = "usd" }, "amount"),
            ("/api/v1/me/basket/gifts", new { station = "wnyc-fm", amount = 500, currency = "xyz" }, "currency"),
        };
        foreach (var (url, body, field) in cases)
        {
            var response = await me.PostAsJsonAsync(url, body);
            var problem = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url} {JsonSerializer.Serialize(body)}: {response.StatusCode} {problem}");
            Assert.True(JsonDocument.Parse(problem).RootElement.GetProperty("errors").EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase)), $"{JsonSerializer.Serialize(body)} did not name {field}: {problem}");
        }

        Assert.Equal(0, await kit.CountAsync<Pledge>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Factory.CreateClient().GetAsync("/api/v1/me/basket")).StatusCode);
    }

    [Fact]
    public async Task A_listener_with_a_paid_basket_can_delete_their_account_and_the_basket_stays_in_the_books_under_a_pseudonym()
    {
        await StationsAsync();
        var (email, _, _) = await MonthlyPledgeAsync(1000);
        var period = NextMonth();
        fixture.Time.SetUtcNow(BasketItems.ChargedAt(period).AddHours(1));
        await App.SendAsync(new ChargeDueBaskets.Command());
        await PledgeKit.WaitForAsync(async () => (await BasketOrNullAsync())?.Status == BasketStatus.Paid);
        var before = await kit.BalancesAsync();

        var me = await BearerAsync(email);
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me") { Content = JsonContent.Create(new { confirmation = email }) };
        var deleted = await me.SendAsync(request);

        Assert.True(deleted.IsSuccessStatusCode, $"{deleted.StatusCode} {await deleted.Content.ReadAsStringAsync()}");
        Assert.StartsWith(Application.Features.Record.DeleteMyAccount.PseudonymPrefix, (await BasketAsync()).ListenerId, StringComparison.Ordinal);
        Assert.Equal(before, await kit.BalancesAsync());
    }

    private async Task StationsAsync()
    {
        await kit.AddStationAsync();
        await kit.AddStationAsync("WNYC-FM", "WNYC");
        await kit.AddStationAsync("KUOW-FM", "KUOW");
        await Db(db => db.Recipients.Where(r => r.Slug != "kexp-fm").ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedAt, DateTimeOffset.UtcNow)));
    }

    /// <summary>A signed-in listener's monthly pledge to KEXP, paid at checkout, which saves their card.</summary>
    private async Task<(string Email, Guid Pledge, DateTimeOffset PaidAt)> MonthlyPledgeAsync(long amount)
    {
        var email = $"{Guid.NewGuid():N}@example.test";
        using var listener = await Accounts.SignedInClientAsync(App, email, Roles.Listener);
        var pledge = await PledgeKit.PostAsync(listener, PledgeKit.Body(amount, frequency: "monthly", email: null));
        await kit.PayAsync(pledge);
        await kit.WebhooksDeliveredAsync();
        var row = await kit.PledgeRowAsync(pledge.GetProperty("id").GetGuid());
        return (email, row.Id, row.PaidAt!.Value);
    }

    private DateOnly NextMonth()
    {
        var now = fixture.Time.GetUtcNow().UtcDateTime;
        return new DateOnly(now.Year, now.Month, 1).AddMonths(1);
    }

    private Task<HttpClient> BearerAsync(string email) => Accounts.BearerClientAsync(App, email);

    private static async Task CreatedAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private Task<T> Db<T>(Func<IAppDbContext, Task<T>> read) => App.WithScopeAsync(sp => read(sp.GetRequiredService<IAppDbContext>()));

    private Task<string> ListenerIdAsync(string email) => App.WithScopeAsync(sp => sp.GetRequiredService<IUserAccounts>().UserIdByEmailAsync(email, CancellationToken.None)!)!;

    private async Task<Basket> BasketAsync(DateOnly? period = null) => (await BasketOrNullAsync(period))!;

    private Task<Basket?> BasketOrNullAsync(DateOnly? period = null) =>
        Db(db => db.Baskets.AsNoTracking().OrderBy(b => b.Period).FirstOrDefaultAsync(b => period == null || b.Period == period));

    private async Task<AccountBalance> EscrowAsync(string slug)
    {
        var id = await kit.RecipientIdAsync(slug);
        return (await kit.BalancesAsync()).GetValueOrDefault(LedgerAccount.EscrowCode(id));
    }
}
