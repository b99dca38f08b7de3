using System.Net;
using Stripe;
using Stripe.Checkout;

namespace EmanciPay.StripeEmulator.Tests;

/// <summary>The emulator, driven only through Stripe.net, behaves as Stripe does for the calls EmanciPay makes.</summary>
public sealed class StripeEmulatorTests : IAsyncLifetime
{
    private readonly EmulatorHost host = new();

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task A_checkout_session_is_created_in_stripes_shape_with_a_hosted_payment_page()
    {
        var session = await CreateSessionAsync(1000);

        var fetched = await new SessionService(host.Stripe).GetAsync(session.Id);

        Assert.StartsWith("cs_test_", session.Id, StringComparison.Ordinal);
        Assert.Equal("open", fetched.Status);
        Assert.Equal("unpaid", fetched.PaymentStatus);
        Assert.Equal(1000, fetched.AmountTotal);
        Assert.Equal("usd", fetched.Currency);
        Assert.Equal("pledge-1", fetched.Metadata["pledge_id"]);
        Assert.Equal($"http://localhost/stripe/pay/{session.Id}", fetched.Url);
        var page = await host.Browser.GetStringAsync(new Uri(session.Url).PathAndQuery);
        Assert.Contains("name=\"card_number\"", page, StringComparison.Ordinal);
        Assert.Contains("Pay 10.00 USD", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paying_with_4242_redirects_to_the_success_url_and_the_charge_has_stripes_fee()
    {
        var session = await CreateSessionAsync(1000);

        var response = await PayAsync(session, "4242 4242 4242 4242");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"https://app.example/thanks?session_id={session.Id}", response.Headers.Location?.ToString());
        var paid = await new SessionService(host.Stripe).GetAsync(session.Id);
        Assert.Equal(("complete", "paid"), (paid.Status, paid.PaymentStatus));
        var intent = await new PaymentIntentService(host.Stripe).GetAsync(paid.PaymentIntentId, new PaymentIntentGetOptions { Expand = ["latest_charge.balance_transaction"] });
        Assert.Equal("succeeded", intent.Status);
        Assert.Equal("pledge-1", intent.Metadata["pledge_id"]);
        Assert.Equal(1000, intent.LatestCharge.Amount);
        Assert.Equal((1000L, 59L, 941L), (intent.LatestCharge.BalanceTransaction.Amount, intent.LatestCharge.BalanceTransaction.Fee, intent.LatestCharge.BalanceTransaction.Net));
    }

    [Theory]
    [InlineData(1000, 59)]
    [InlineData(50, 31)]
    [InlineData(1500, 74)]
    [InlineData(1724, 80)]
    [InlineData(1_000_000, 29_030)]
    public async Task The_fee_is_2_9_percent_rounded_half_away_from_zero_plus_30_cents(long amount, long fee)
    {
        var session = await CreateSessionAsync(amount);
        await PayAsync(session, "4242424242424242");

        var paid = await new SessionService(host.Stripe).GetAsync(session.Id, new SessionGetOptions { Expand = ["payment_intent.latest_charge.balance_transaction"] });

        Assert.Equal(fee, paid.PaymentIntent.LatestCharge.BalanceTransaction.Fee);
        Assert.Equal(amount - fee, paid.PaymentIntent.LatestCharge.BalanceTransaction.Net);
    }

    [Theory]
    [InlineData("4000000000000002", "generic_decline", "Your card was declined.")]
    [InlineData("4000000000009995", "insufficient_funds", "Your card has insufficient funds.")]
    public async Task A_declined_card_leaves_the_session_open_and_another_card_can_still_pay(string card, string declineCode, string message)
    {
        var session = await CreateSessionAsync(1000);

        var declined = await PayAsync(session, card);
        var afterDecline = await new SessionService(host.Stripe).GetAsync(session.Id, new SessionGetOptions { Expand = ["payment_intent"] });
        var paid = await PayAsync(session, "4242424242424242");

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Contains(message, await declined.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("open", afterDecline.Status);
        Assert.Equal("requires_payment_method", afterDecline.PaymentIntent.Status);
        Assert.Equal(("card_declined", declineCode), (afterDecline.PaymentIntent.LastPaymentError.Code, afterDecline.PaymentIntent.LastPaymentError.DeclineCode));
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var events = await host.EventsAsync();
        Assert.Contains(events, e => e.Type == "payment_intent.payment_failed");
        Assert.Contains(events, e => e.Type == "checkout.session.completed");
    }

    [Fact]
    public async Task The_same_idempotency_key_replays_the_first_response_and_other_parameters_are_refused()
    {
        var options = SessionOptions(1000);
        var first = await new SessionService(host.Stripe).CreateAsync(options, new RequestOptions { IdempotencyKey = "pledge-1-checkout" });
        var replay = await new SessionService(host.Stripe).CreateAsync(SessionOptions(1000), new RequestOptions { IdempotencyKey = "pledge-1-checkout" });

        var conflict = await Assert.ThrowsAsync<StripeException>(() =>
            new SessionService(host.Stripe).CreateAsync(SessionOptions(2000), new RequestOptions { IdempotencyKey = "pledge-1-checkout" }));

        Assert.Equal(first.Id, replay.Id);
        Assert.Equal("true", replay.StripeResponse.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(HttpStatusCode.BadRequest, conflict.HttpStatusCode);
        Assert.Equal("idempotency_error", conflict.StripeError.Type);
    }

    [Fact]
    public async Task An_injected_500_is_retried_by_stripe_net_with_the_same_key_and_creates_one_session()
    {
        host.Emulator.Faults.FailNext(1, 500);

        var session = await CreateSessionAsync(1000);

        Assert.Equal(1, host.Emulator.Faults.Served);
        Assert.Equal("open", (await new SessionService(host.Stripe).GetAsync(session.Id)).Status);
    }

    [Fact]
    public async Task Failures_beyond_stripe_nets_retries_reach_the_caller_with_stripes_error_shape()
    {
        host.Emulator.Faults.FailNext(3, 500);

        var error = await Assert.ThrowsAsync<StripeException>(() => CreateSessionAsync(1000));

        Assert.Equal(HttpStatusCode.InternalServerError, error.HttpStatusCode);
        Assert.Equal("api_error", error.StripeError.Type);
    }

    [Fact]
    public async Task A_429_is_not_retried_and_reports_a_rate_limit()
    {
        host.Emulator.Faults.FailNext(1, 429);

        var error = await Assert.ThrowsAsync<StripeException>(() => CreateSessionAsync(1000));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.HttpStatusCode);
        Assert.Equal("rate_limit", error.StripeError.Code);
    }

    [Fact]
    public async Task Missing_or_invalid_parameters_are_stripe_invalid_request_errors()
    {
        var noItems = await Assert.ThrowsAsync<StripeException>(() => new SessionService(host.Stripe).CreateAsync(new SessionCreateOptions { Mode = "payment", SuccessUrl = "https://app.example/ok" }));
        var tooSmall = await Assert.ThrowsAsync<StripeException>(() => CreateSessionAsync(10));
        var unknown = await Assert.ThrowsAsync<StripeException>(() => new PaymentIntentService(host.Stripe).GetAsync("pi_nope"));

        Assert.Equal(("invalid_request_error", "line_items"), (noItems.StripeError.Type, noItems.StripeError.Param));
        Assert.Equal(HttpStatusCode.BadRequest, tooSmall.HttpStatusCode);
        Assert.Equal((HttpStatusCode.NotFound, "resource_missing"), (unknown.HttpStatusCode, unknown.StripeError.Code));
    }

    [Fact]
    public async Task A_wrong_api_key_is_refused()
    {
        var stranger = new StripeClient("sk_test_wrong", httpClient: host.Stripe.HttpClient, apiBase: "http://localhost/stripe");

        var error = await Assert.ThrowsAsync<StripeException>(() => new SessionService(stranger).GetAsync("cs_test_x"));

        Assert.Equal(HttpStatusCode.Unauthorized, error.HttpStatusCode);
    }

    [Fact]
    public async Task Webhooks_are_signed_as_stripe_signs_and_carry_stripe_net_objects()
    {
        var session = await CreateSessionAsync(1000);
        await PayAsync(session, "4242424242424242");

        var events = await host.EventsAsync();

        Assert.Equal(
            ["charge.succeeded", "checkout.session.completed", "payment_intent.created", "payment_intent.succeeded"],
            events.Select(e => e.Type).Order(StringComparer.Ordinal));
        var completed = Assert.IsType<Session>(events.Single(e => e.Type == "checkout.session.completed").Data.Object);
        Assert.Equal(session.Id, completed.Id);
        Assert.Equal("paid", completed.PaymentStatus);
        Assert.All(events, e => Assert.Equal(StripeConfiguration.ApiVersion, e.ApiVersion));
        var (body, signature) = host.Received.First();
        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(body, signature, "whsec_someone_else"));
        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(body.Replace("\"livemode\":false", "\"livemode\":true", StringComparison.Ordinal), signature, EmulatorHost.SigningSecret));
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_with_backoff_until_the_endpoint_accepts_it()
    {
        host.FailNextWebhooks(2);

        await new CustomerService(host.Stripe).CreateAsync(new CustomerCreateOptions { Email = "a@example.test" });
        var session = await CreateSessionAsync(1000);
        await PayAsync(session, "4242424242424242");
        await host.Emulator.Webhooks.WhenIdleAsync(TimeSpan.FromSeconds(10));

        var attempts = host.Emulator.Webhooks.Attempts;
        Assert.Equal(2, attempts.Count(a => a.Status == 500));
        Assert.Equal(4, attempts.Count(a => a.Status == 200));
        Assert.Equal(4, attempts.Select(a => a.EventId).Distinct().Count());
    }

    [Fact]
    public async Task Test_hooks_duplicate_reorder_and_drop_deliveries()
    {
        host.Emulator.Webhooks.Hold();
        host.Emulator.Webhooks.Duplicate = true;
        var session = await CreateSessionAsync(1000);
        await PayAsync(session, "4242424242424242");
        Assert.Empty(host.Received);

        host.Emulator.Webhooks.Release(reverse: true);
        var events = await host.EventsAsync();

        Assert.Equal(8, events.Length);
        Assert.Equal("checkout.session.completed", events.First().Type);
        Assert.All(events.GroupBy(e => e.Id), g => Assert.Equal(2, g.Count()));

        host.Emulator.Webhooks.Duplicate = false;
        host.Emulator.Webhooks.DropNext(100);
        await PayAsync(await CreateSessionAsync(500), "4242424242424242");
        Assert.Equal(8, (await host.EventsAsync()).Length);
    }

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
        var session = await CreateSessionAsync(1000);
        await PayAsync(session, "4242424242424242");
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
    public async Task A_subscription_checkout_creates_an_active_subscription_whose_first_invoice_is_paid_and_which_can_be_cancelled()
    {
        var session = await new SessionService(host.Stripe).CreateAsync(SubscriptionOptions(1500));
        var page = await host.Browser.GetStringAsync(new Uri(session.Url).PathAndQuery);

        var response = await PayAsync(session, "4242424242424242");
        var completed = await new SessionService(host.Stripe).GetAsync(session.Id);
        var subscription = await new SubscriptionService(host.Stripe).GetAsync(completed.SubscriptionId, new SubscriptionGetOptions { Expand = ["latest_invoice"] });
        var payment = subscription.LatestInvoice.Payments.Data.Single().Payment;
        var intent = await new PaymentIntentService(host.Stripe).GetAsync(payment.PaymentIntentId, new PaymentIntentGetOptions { Expand = ["latest_charge.balance_transaction"] });
        var cancelled = await new SubscriptionService(host.Stripe).CancelAsync(subscription.Id);

        Assert.Contains("Pay 15.00 USD a month", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(("complete", "paid", subscription.LatestInvoiceId), (completed.Status, completed.PaymentStatus, completed.InvoiceId));
        Assert.Equal(("active", completed.CustomerId, "pledge-9"), (subscription.Status, subscription.CustomerId, subscription.Metadata["pledge_id"]));
        var item = subscription.Items.Data.Single();
        Assert.Equal((1500L, "month", 1L), (item.Price.UnitAmount, item.Price.Recurring.Interval, item.Quantity));
        Assert.True(item.CurrentPeriodEnd > item.CurrentPeriodStart);
        Assert.Equal(("paid", 1500L, subscription.Id), (subscription.LatestInvoice.Status, subscription.LatestInvoice.AmountPaid, subscription.LatestInvoice.Parent.SubscriptionDetails.SubscriptionId));
        Assert.Equal(("succeeded", 1500L, 74L), (intent.Status, intent.AmountReceived, intent.LatestCharge.BalanceTransaction.Fee));
        Assert.Equal("canceled", cancelled.Status);
        Assert.NotNull(cancelled.CanceledAt);
        await host.Emulator.Webhooks.WhenIdleAsync(TimeSpan.FromSeconds(10));
        Assert.Superset(
            new HashSet<string> { "customer.subscription.created", "invoice.paid", "checkout.session.completed", "customer.subscription.deleted" },
            host.Emulator.Webhooks.Attempts.Select(a => a.Type).ToHashSet());
    }

    [Fact]
    public async Task Recurring_prices_belong_to_subscription_mode_and_a_declined_card_creates_no_subscription()
    {
        var options = SubscriptionOptions(1500);
        options.Mode = "payment";

        var wrongMode = await Assert.ThrowsAsync<StripeException>(() => new SessionService(host.Stripe).CreateAsync(options));
        var session = await new SessionService(host.Stripe).CreateAsync(SubscriptionOptions(1500));
        await PayAsync(session, "4000000000000002");
        var stillOpen = await new SessionService(host.Stripe).GetAsync(session.Id);

        Assert.Equal(("invalid_request_error", "line_items[0][price_data][recurring]"), (wrongMode.StripeError.Type, wrongMode.StripeError.Param));
        Assert.Equal(("open", "unpaid", (string?)null), (stillOpen.Status, stillOpen.PaymentStatus, stillOpen.SubscriptionId));
    }

    [Fact]
    public async Task Balance_transactions_are_listed_newest_first_by_type_and_creation_time_a_page_at_a_time()
    {
        var paid = new List<string>();
        foreach (var amount in new long[] { 1000, 1500, 2000 })
        {
            var session = await CreateSessionAsync(amount);
            await PayAsync(session, "4242424242424242");
            paid.Add((await new SessionService(host.Stripe).GetAsync(session.Id)).PaymentIntentId);
        }

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

    private async Task<(string CustomerId, string PaymentMethodId)> PayAndSaveAsync(string card)
    {
        var options = SessionOptions(1000);
        options.PaymentIntentData.SetupFutureUsage = "off_session";
        var session = await new SessionService(host.Stripe).CreateAsync(options);
        await PayAsync(session, "4242424242424242");
        var paid = await new SessionService(host.Stripe).GetAsync(session.Id, new SessionGetOptions { Expand = ["payment_intent"] });
        var intent = await new PaymentIntentService(host.Stripe).CreateAsync(new PaymentIntentCreateOptions { Amount = 100, Currency = "usd", Customer = paid.CustomerId });
        Assert.Equal("requires_payment_method", intent.Status);
        if (card == "4242424242424242")
        {
            return (paid.CustomerId, paid.PaymentIntent.PaymentMethodId);
        }

        var second = await new SessionService(host.Stripe).CreateAsync(options);
        await PayAsync(second, card);
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

    private static SessionCreateOptions SubscriptionOptions(long amount) => new()
    {
        Mode = "subscription",
        SuccessUrl = "https://app.example/thanks?session_id={CHECKOUT_SESSION_ID}",
        CustomerEmail = "listener@example.test",
        SubscriptionData = new SessionSubscriptionDataOptions { Metadata = new Dictionary<string, string> { ["pledge_id"] = "pledge-9" } },
        LineItems =
        [
            new SessionLineItemOptions
            {
                Quantity = 1,
                PriceData = new SessionLineItemPriceDataOptions
                {
                    Currency = "usd",
                    UnitAmount = amount,
                    Recurring = new SessionLineItemPriceDataRecurringOptions { Interval = "month" },
                    ProductData = new SessionLineItemPriceDataProductDataOptions { Name = "Monthly pledge" },
                },
            },
        ],
    };

    private Task<Session> CreateSessionAsync(long amount) => new SessionService(host.Stripe).CreateAsync(SessionOptions(amount));

    private static SessionCreateOptions SessionOptions(long amount) => new()
    {
        Mode = "payment",
        SuccessUrl = "https://app.example/thanks?session_id={CHECKOUT_SESSION_ID}",
        CancelUrl = "https://app.example/cancelled",
        CustomerEmail = "listener@example.test",
        Metadata = new Dictionary<string, string> { ["pledge_id"] = "pledge-1" },
        PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = new Dictionary<string, string> { ["pledge_id"] = "pledge-1" } },
        LineItems =
        [
            new SessionLineItemOptions
            {
                Quantity = 1,
                PriceData = new SessionLineItemPriceDataOptions { Currency = "usd", UnitAmount = amount, ProductData = new SessionLineItemPriceDataProductDataOptions { Name = "Pledge to KEXP" } },
            },
        ],
    };

    private Task<HttpResponseMessage> PayAsync(Session session, string card) =>
        host.Browser.PostAsync(new Uri(session.Url).PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["card_number"] = card }));
}
