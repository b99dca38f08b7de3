using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Baskets;
using EmanciPay.Domain.Baskets;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Payments;
using EmanciPay.IntegrationTests.Support;
using EmanciPay.StripeEmulator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Baskets;

/// <summary>
/// A listener updates the card their baskets are charged to through Stripe Checkout in setup mode: the next basket is
/// charged to the new card, a paused basket is charged again at once and paid once, and no one else's setup replaces it.
/// </summary>
[Collection(PostgresWithClockCollection.Name)]
public sealed class CardUpdateTests(PostgresWithClockFixture fixture) : IntegrationTest(fixture)
{
    private const string NewCard = "5555555555554444";

    private readonly PledgeKit kit = new(fixture);

    [Fact]
    public async Task After_a_card_update_the_next_basket_is_charged_to_the_new_card_to_the_cent()
    {
        await kit.AddStationAsync();
        var email = await MonthlyPledgeAsync(1000);
        var old = await CardAsync(email);
        // Were the old card still used, the basket would be declined.
        App.Factory.Emulator.ChangeCard(old.PaymentMethodId, "4000000000000002");

        var returnedTo = await UpdateCardAsync(email, NewCard);
        var card = await CardAsync(email);
        var mail = await Accounts.MailToAsync(App.Factory, email, "Your card was updated");

        Assert.Equal("/me/basket?card=updated", returnedTo.PathAndQuery);
        Assert.Equal(old.CustomerId, card.CustomerId);
        Assert.NotEqual(old.PaymentMethodId, card.PaymentMethodId);
        Assert.Equal("4444", PaymentMethod(card.PaymentMethodId)["card"]!["last4"]!.GetValue<string>());
        Assert.Contains("/me/basket", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"your Mastercard ending in 4444, expiring 12/{fixture.Time.GetUtcNow().Year + 3}", mail.TextBody, StringComparison.Ordinal);

        var period = NextMonth();
        fixture.Time.SetUtcNow(BasketItems.ChargedAt(period).AddHours(1));
        await App.SendAsync(new ChargeDueBaskets.Command());
        await PledgeKit.WaitForAsync(async () => (await BasketOrNullAsync())?.Status == BasketStatus.Paid);
        await kit.WebhooksDeliveredAsync();

        var basket = await BasketAsync();
        Assert.Equal((1000L, 59L, 1), (basket.Amount, basket.Fee, basket.Attempts));
        Assert.Equal(card.PaymentMethodId, Intent(basket.PaymentIntentId!)["payment_method"]!.GetValue<string>());
        Assert.Equal(new AccountBalance(59 + 59, 2000, 0, 0), await kit.EscrowAsync());
        Assert.Equal(0, (await kit.BalancesAsync()).Values.Sum(b => b.DebitsPosted - b.CreditsPosted));
        Assert.Equal(2, await kit.CountAsync<Payment>());
        Assert.Equal(2, await kit.CountAsync<JournalEntry>());
    }

    [Fact]
    public async Task A_paused_basket_is_charged_again_to_the_new_card_and_paid_once_though_every_webhook_arrives_twice()
    {
        await kit.AddStationAsync();
        var email = await MonthlyPledgeAsync(1000);
        var old = await CardAsync(email);
        App.Factory.Emulator.ChangeCard(old.PaymentMethodId, "4000000000000002");
        var charged = BasketItems.ChargedAt(NextMonth()).AddHours(1);
        int[] days = [0, 3, 7];
        for (var attempt = 1; attempt <= days.Length; attempt++)
        {
            fixture.Time.SetUtcNow(charged.AddDays(days[attempt - 1]));
            await App.SendAsync(new ChargeDueBaskets.Command());
            await PledgeKit.WaitForAsync(async () => await BasketOrNullAsync() is { Status: BasketStatus.Retrying or BasketStatus.Paused } basket && basket.Attempts == attempt);
        }

        Assert.Equal(BasketStatus.Paused, (await BasketAsync()).Status);
        var paused = await Accounts.MailToAsync(App.Factory, email, "could not charge");
        Assert.Contains("/me/basket#card", paused.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Update your card", paused.TextBody, StringComparison.Ordinal);

        App.Factory.Emulator.Webhooks.Duplicate = true;
        await UpdateCardAsync(email, "4242424242424242");
        await PledgeKit.WaitForAsync(async () => (await BasketOrNullAsync())?.Status == BasketStatus.Paid);
        await kit.WebhooksDeliveredAsync();
        await Accounts.MailToAsync(App.Factory, email, "Your card was updated");
        await App.SendAsync(new ChargeDueBaskets.Command());
        await kit.WebhooksDeliveredAsync();

        var basket = await BasketAsync();
        var card = await CardAsync(email);
        Assert.Equal((BasketStatus.Paid, 4, 59L), (basket.Status, basket.Attempts, basket.Fee));
        Assert.Equal(card.PaymentMethodId, Intent(basket.PaymentIntentId!)["payment_method"]!.GetValue<string>());
        Assert.Single(await Db(db => db.Payments.AsNoTracking().Where(p => p.BasketId == basket.Id).ToListAsync()));
        Assert.Equal(new AccountBalance(59 + 59, 2000, 0, 0), await kit.EscrowAsync());
        Assert.Equal(2, await kit.CountAsync<JournalEntry>());
        Assert.Single(App.Factory.Mail.Messages(), m => m.To.ToString().Contains(email, StringComparison.OrdinalIgnoreCase) && m.Subject == "Your card was updated");
        Assert.True(App.Factory.Emulator.Webhooks.Attempts.Count(a => a.Type == "setup_intent.succeeded") >= 2);
    }

    [Fact]
    public async Task Another_listeners_setup_or_a_setup_for_another_customer_never_replaces_a_card()
    {
        await kit.AddStationAsync();
        var mine = await MonthlyPledgeAsync(1000);
        var theirs = await MonthlyPledgeAsync(500);
        var myCard = await CardAsync(mine);
        var theirCard = await CardAsync(theirs);

        await UpdateCardAsync(theirs, NewCard);
        var myListenerId = await ListenerIdAsync(mine);
        var forged = new JsonObject
        {
            ["id"] = "seti_forged",
            ["object"] = "setup_intent",
            ["created"] = fixture.Time.GetUtcNow().ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["customer"] = theirCard.CustomerId,
            ["payment_method"] = (await CardAsync(theirs)).PaymentMethodId,
            ["metadata"] = new JsonObject { ["listener_id"] = myListenerId },
            ["payment_method_types"] = new JsonArray("card"),
            ["status"] = "succeeded",
            ["usage"] = "off_session",
        };
        var unknownListener = (JsonObject)forged.DeepClone();
        unknownListener["id"] = "seti_nobody";
        unknownListener["metadata"] = new JsonObject { ["listener_id"] = "no-such-listener" };
        foreach (var (id, subject) in new[] { ("evt_forged_card", forged), ("evt_nobodys_card", unknownListener) })
        {
            var payload = kit.EventPayload(id, "setup_intent.succeeded", (JsonObject)subject.DeepClone());
            var delivered = await kit.DeliverWebhookAsync(payload, WebhookDispatcher.Sign(payload, kit.WebhookSecret, fixture.Time.GetUtcNow()));
            Assert.True(delivered.IsSuccessStatusCode, $"{delivered.StatusCode}");
        }

        var unsigned = kit.EventPayload("evt_unsigned_card", "setup_intent.succeeded", (JsonObject)forged.DeepClone());
        var refused = await kit.DeliverWebhookAsync(unsigned, signature: null);
        await kit.WebhooksDeliveredAsync();
        var anonymous = await App.Factory.CreateClient().PostAsync("/api/v1/me/card", null);

        Assert.Equal(myCard.PaymentMethodId, (await CardAsync(mine)).PaymentMethodId);
        Assert.NotEqual(theirCard.PaymentMethodId, (await CardAsync(theirs)).PaymentMethodId);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(2, await Db(db => db.StripeEvents.CountAsync(e => e.Id == "evt_forged_card" || e.Id == "evt_nobodys_card")));
        Assert.Equal(0, await Db(db => db.StripeEvents.CountAsync(e => e.Id == "evt_unsigned_card")));
        Assert.DoesNotContain(App.Factory.Mail.Messages(), m => m.To.ToString().Contains(mine, StringComparison.OrdinalIgnoreCase) && m.Subject == "Your card was updated");
    }

    [Fact]
    public async Task A_listener_with_no_saved_card_adds_one_the_same_way_and_stripe_makes_their_customer()
    {
        var email = $"{Guid.NewGuid():N}@example.test";
        await Accounts.CreateAsync(App, email, Roles.Listener);

        await UpdateCardAsync(email, NewCard);

        var card = await CardAsync(email);
        var customer = App.Factory.Emulator.Retrieve(card.CustomerId, "customer", []);
        Assert.Equal(email, customer["email"]!.GetValue<string>());
        Assert.Equal(card.CustomerId, PaymentMethod(card.PaymentMethodId)["customer"]!.GetValue<string>());

        // The listener recognises the card by its brand and last four digits; while Stripe is down the basket still opens.
        var me = await BearerAsync(email);
        var basket = await me.GetFromJsonAsync<JsonElement>("/api/v1/me/basket");
        Assert.Equal(("mastercard", "4444", 12), (basket.GetProperty("card").GetProperty("brand").GetString(), basket.GetProperty("card").GetProperty("last4").GetString(), basket.GetProperty("card").GetProperty("expMonth").GetInt32()));
        App.Factory.Emulator.Faults.FailNext(100, 503);
        try
        {
            var withoutStripe = await me.GetFromJsonAsync<JsonElement>("/api/v1/me/basket");
            Assert.True(withoutStripe.GetProperty("hasCard").GetBoolean());
            Assert.Equal(JsonValueKind.Null, withoutStripe.GetProperty("card").ValueKind);
        }
        finally
        {
            App.Factory.Emulator.Faults.Clear();
        }
    }

    /// <summary>Starts a card update through the API and saves the card on the emulator's hosted page; returns where Stripe sends the listener back.</summary>
    private async Task<Uri> UpdateCardAsync(string email, string cardNumber)
    {
        var me = await BearerAsync(email);
        var started = await me.PostAsync("/api/v1/me/card", null);
        Assert.True(started.StatusCode == HttpStatusCode.OK, $"{started.StatusCode} {await started.Content.ReadAsStringAsync()}");
        var url = new Uri((await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!);
        var saved = await kit.Client.PostAsync(url.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["card_number"] = cardNumber }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await kit.WebhooksDeliveredAsync();
        return saved.Headers.Location!;
    }

    /// <summary>A signed-in listener's monthly pledge to KEXP, paid at checkout, which saves their card.</summary>
    private async Task<string> MonthlyPledgeAsync(long amount)
    {
        var email = $"{Guid.NewGuid():N}@example.test";
        using var listener = await Accounts.SignedInClientAsync(App, email, Roles.Listener);
        var pledge = await PledgeKit.PostAsync(listener, PledgeKit.Body(amount, frequency: "monthly", email: null));
        await kit.PayAsync(pledge);
        await kit.WebhooksDeliveredAsync();
        return email;
    }

    private DateOnly NextMonth()
    {
        var now = fixture.Time.GetUtcNow().UtcDateTime;
        return new DateOnly(now.Year, now.Month, 1).AddMonths(1);
    }

    private Task<HttpClient> BearerAsync(string email) => Accounts.BearerClientAsync(App, email);

    private JsonObject Intent(string id) => App.Factory.Emulator.Retrieve(id, "payment_intent", []);

    private JsonObject PaymentMethod(string id) => App.Factory.Emulator.Retrieve(id, "payment_method", []);

    private async Task<ListenerCard> CardAsync(string email)
    {
        var listenerId = await ListenerIdAsync(email);
        return await Db(db => db.ListenerCards.AsNoTracking().SingleAsync(c => c.ListenerId == listenerId));
    }

    private Task<T> Db<T>(Func<IAppDbContext, Task<T>> read) => App.WithScopeAsync(sp => read(sp.GetRequiredService<IAppDbContext>()));

    private Task<string> ListenerIdAsync(string email) => App.WithScopeAsync(sp => sp.GetRequiredService<IUserAccounts>().UserIdByEmailAsync(email, CancellationToken.None)!)!;

    private async Task<Basket> BasketAsync() => (await BasketOrNullAsync())!;

    private Task<Basket?> BasketOrNullAsync() => Db(db => db.Baskets.AsNoTracking().OrderBy(b => b.Period).FirstOrDefaultAsync());
}
