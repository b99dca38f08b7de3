using System.Net;
using Stripe;
using Stripe.Checkout;

namespace EmanciPay.StripeEmulator.Tests;

/// <summary>Saved cards charged off-session, refunds, and Stripe's list pagination.</summary>
public sealed class PaymentsAndListsTests : IAsyncLifetime
{
    private readonly EmulatorHost host = new();

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task A_card_saved_at_checkout_is_charged_off_session_and_a_declining_card_is_a_card_error()
    {
        var good = await PayAndSaveAsync("4242424242424242");
        var bad = await PayAndSaveAsync("4242424242424242");
        var declining = await PayAndSaveAsync("4000000000009995");

        var charged = await new PaymentIntentService(host.Stripe).CreateAsync(OffSession(good, 1500), new RequestOptions { IdempotencyKey = "cycle-2" });
        var error = await Assert.ThrowsAsync<StripeException>(() => new PaymentIntentService(host.Stripe).CreateAsync(OffSession(declining, 1500)));

        Assert.Equal("succeeded", charged.Status);
        Assert.Equal(1500, charged.AmountReceived);
        Assert.Equal(HttpStatusCode.PaymentRequired, error.HttpStatusCode);
        Assert.Equal(("card_error", "insufficient_funds"), (error.StripeError.Type, error.StripeError.DeclineCode));
        Assert.NotEqual(good.CustomerId, bad.CustomerId);
    }

    [Fact]
    public async Task A_refund_posts_a_negative_balance_transaction_and_cannot_exceed_what_was_charged()
    {
        var session = await host.CreateSessionAsync(1000);
        await host.PayAsync(session, "4242424242424242");
        var intentId = (await new SessionService(host.Stripe).GetAsync(session.Id)).PaymentIntentId;

        var refund = await new RefundService(host.Stripe).CreateAsync(new RefundCreateOptions { PaymentIntent = intentId, Amount = 400 });
        var tooMuch = await Assert.ThrowsAsync<StripeException>(() => new RefundService(host.Stripe).CreateAsync(new RefundCreateOptions { PaymentIntent = intentId, Amount = 601 }));
        var transactions = await new BalanceTransactionService(host.Stripe).ListAsync(new BalanceTransactionListOptions { Limit = 10 });

        Assert.Equal(("succeeded", 400L), (refund.Status, refund.Amount));
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.HttpStatusCode);
        Assert.Equal([-400L, 1000L], transactions.Data.Select(t => t.Amount));
        Assert.Equal(1000 - 59 - 400, transactions.Data.Sum(t => t.Net));
    }

    [Fact]
    public async Task Balance_transactions_are_listed_newest_first_by_type_and_creation_time_a_page_at_a_time()
    {
        var paid = await PayAllAsync(1000, 1500, 2000);
        await new RefundService(host.Stripe).CreateAsync(new RefundCreateOptions { PaymentIntent = paid[0], Amount = 100 });
        var service = new BalanceTransactionService(host.Stripe);

        var pages = new List<List<BalanceTransaction>>();
        var options = new BalanceTransactionListOptions { Type = "charge", Limit = 2 };
        do
        {
            var page = await service.ListAsync(options);
            pages.Add(page.Data);
            options.StartingAfter = page.HasMore ? page.Data[^1].Id : null;
        }
        while (options.StartingAfter is not null);
        var future = await service.ListAsync(new BalanceTransactionListOptions { Created = new DateRangeOptions { GreaterThanOrEqual = DateTime.UtcNow.AddHours(1) } });
        var recent = await service.ListAsync(new BalanceTransactionListOptions { Created = new DateRangeOptions { GreaterThanOrEqual = DateTime.UtcNow.AddHours(-1) }, Limit = 100 });

        Assert.Equal([2, 1], pages.Select(p => p.Count));
        Assert.Equal([2000L, 1500L, 1000L], pages.SelectMany(p => p).Select(t => t.Amount));
        Assert.All(pages.SelectMany(p => p), t => Assert.Equal("charge", t.Type));
        Assert.Empty(future.Data);
        Assert.Equal([-100L, 2000L, 1500L, 1000L], recent.Data.Select(t => t.Amount));
    }

    [Fact]
    public async Task Ending_before_pages_back_towards_the_newest()
    {
        await PayAllAsync(1000, 1500, 2000, 2500, 3000);
        var service = new BalanceTransactionService(host.Stripe);
        var all = (await service.ListAsync(new BalanceTransactionListOptions { Limit = 100 })).Data;

        var newer = await service.ListAsync(new BalanceTransactionListOptions { EndingBefore = all[3].Id, Limit = 2 });
        var newest = await service.ListAsync(new BalanceTransactionListOptions { EndingBefore = newer.Data[0].Id, Limit = 2 });
        var intents = await new PaymentIntentService(host.Stripe).ListAsync(new PaymentIntentListOptions { EndingBefore = (await new PaymentIntentService(host.Stripe).ListAsync(new PaymentIntentListOptions { Limit = 100 })).Data[^1].Id, Limit = 3 });

        Assert.Equal([3000L, 2500L, 2000L, 1500L, 1000L], all.Select(t => t.Amount));
        Assert.Equal([2500L, 2000L], newer.Data.Select(t => t.Amount));
        Assert.True(newer.HasMore);
        Assert.Equal([3000L], newest.Data.Select(t => t.Amount));
        Assert.False(newest.HasMore);
        Assert.Equal([2500L, 2000L, 1500L], intents.Data.Select(i => i.Amount));
        Assert.True(intents.HasMore);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-5)]
    public async Task A_limit_outside_1_to_100_is_refused(long limit)
    {
        var balance = await Assert.ThrowsAsync<StripeException>(() => new BalanceTransactionService(host.Stripe).ListAsync(new BalanceTransactionListOptions { Limit = limit }));
        var intents = await Assert.ThrowsAsync<StripeException>(() => new PaymentIntentService(host.Stripe).ListAsync(new PaymentIntentListOptions { Limit = limit }));

        Assert.All([balance, intents], e => Assert.Equal((HttpStatusCode.BadRequest, "limit"), (e.HttpStatusCode, e.StripeError.Param)));
    }

    [Fact]
    public async Task Both_cursors_at_once_or_an_unknown_cursor_are_refused()
    {
        var paid = await PayAllAsync(1000);

        var both = await Assert.ThrowsAsync<StripeException>(() => new PaymentIntentService(host.Stripe).ListAsync(new PaymentIntentListOptions { StartingAfter = paid[0], EndingBefore = paid[0] }));
        var unknown = await Assert.ThrowsAsync<StripeException>(() => new PaymentIntentService(host.Stripe).ListAsync(new PaymentIntentListOptions { StartingAfter = "pi_nope" }));

        Assert.Equal(HttpStatusCode.BadRequest, both.HttpStatusCode);
        Assert.Equal(("resource_missing", "starting_after"), (unknown.StripeError.Code, unknown.StripeError.Param));
    }

    private async Task<List<string>> PayAllAsync(params long[] amounts)
    {
        var intents = new List<string>();
        foreach (var amount in amounts)
        {
            var session = await host.CreateSessionAsync(amount);
            await host.PayAsync(session, "4242424242424242");
            intents.Add((await new SessionService(host.Stripe).GetAsync(session.Id)).PaymentIntentId);
        }

        return intents;
    }

    private async Task<(string CustomerId, string PaymentMethodId)> PayAndSaveAsync(string card)
    {
        var options = EmulatorHost.SessionOptions(1000);
        options.PaymentIntentData.SetupFutureUsage = "off_session";
        var session = await new SessionService(host.Stripe).CreateAsync(options);
        await host.PayAsync(session, "4242424242424242");
        var paid = await new SessionService(host.Stripe).GetAsync(session.Id, new SessionGetOptions { Expand = ["payment_intent"] });
        var intent = await new PaymentIntentService(host.Stripe).CreateAsync(new PaymentIntentCreateOptions { Amount = 100, Currency = "usd", Customer = paid.CustomerId });
        Assert.Equal("requires_payment_method", intent.Status);
        if (card == "4242424242424242")
        {
            return (paid.CustomerId, paid.PaymentIntent.PaymentMethodId);
        }

        var second = await new SessionService(host.Stripe).CreateAsync(options);
        await host.PayAsync(second, card);
        var declined = await new SessionService(host.Stripe).GetAsync(second.Id, new SessionGetOptions { Expand = ["payment_intent"] });
        return (paid.CustomerId, declined.PaymentIntent.PaymentMethodId);
    }

    private static PaymentIntentCreateOptions OffSession((string CustomerId, string PaymentMethodId) saved, long amount) => new()
    {
        Amount = amount,
        Currency = "usd",
        Customer = saved.CustomerId,
        PaymentMethod = saved.PaymentMethodId,
        Confirm = true,
        OffSession = true,
    };
}
