using Stripe;
using Stripe.Checkout;

namespace EmanciPay.StripeEmulator.Tests;

/// <summary>Events delivered as Stripe delivers them: signed, retried, and bent by the test hooks.</summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private readonly EmulatorHost host = new();

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Webhooks_are_signed_as_stripe_signs_and_carry_stripe_net_objects()
    {
        var session = await host.CreateSessionAsync(1000);
        await host.PayAsync(session, "4242424242424242");

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
    public async Task Events_caused_by_an_api_request_name_it_and_its_idempotency_key()
    {
        var session = await host.CreateSessionAsync(1000);
        await host.PayAsync(session, "4242424242424242");
        var intentId = (await new SessionService(host.Stripe).GetAsync(session.Id)).PaymentIntentId;

        var refund = await new RefundService(host.Stripe).CreateAsync(new RefundCreateOptions { PaymentIntent = intentId, Amount = 300 }, new RequestOptions { IdempotencyKey = "payment-1-refund" });
        var events = await host.EventsAsync();
        var refunded = events.Single(e => e.Type == "refund.created");
        var paid = events.Single(e => e.Type == "checkout.session.completed");
        var fetched = await new EventService(host.Stripe).GetAsync(refunded.Id);

        Assert.Equal("payment-1-refund", refunded.Request.IdempotencyKey);
        Assert.Equal(refund.StripeResponse.RequestId, refunded.Request.Id);
        Assert.StartsWith("req_", refunded.Request.Id, StringComparison.Ordinal);
        Assert.Equal(("payment-1-refund", refunded.Request.Id), (events.Single(e => e.Type == "charge.refunded").Request.IdempotencyKey, events.Single(e => e.Type == "charge.refunded").Request.Id));
        Assert.Equal((null, null), (paid.Request.Id, paid.Request.IdempotencyKey));
        Assert.Equal(("payment-1-refund", "refund.created"), (fetched.Request.IdempotencyKey, fetched.Type));
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_with_backoff_until_the_endpoint_accepts_it()
    {
        host.FailNextWebhooks(2);

        await new CustomerService(host.Stripe).CreateAsync(new CustomerCreateOptions { Email = "a@example.test" });
        var session = await host.CreateSessionAsync(1000);
        await host.PayAsync(session, "4242424242424242");
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
        var session = await host.CreateSessionAsync(1000);
        await host.PayAsync(session, "4242424242424242");
        Assert.Empty(host.Received);

        host.Emulator.Webhooks.Release(reverse: true);
        var events = await host.EventsAsync();

        Assert.Equal(8, events.Length);
        Assert.Equal("checkout.session.completed", events.First().Type);
        Assert.All(events.GroupBy(e => e.Id), g => Assert.Equal(2, g.Count()));

        host.Emulator.Webhooks.Duplicate = false;
        host.Emulator.Webhooks.DropNext(100);
        await host.PayAsync(await host.CreateSessionAsync(500), "4242424242424242");
        Assert.Equal(8, (await host.EventsAsync()).Length);
    }
}
