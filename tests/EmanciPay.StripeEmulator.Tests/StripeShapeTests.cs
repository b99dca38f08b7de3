using System.Net;
using Stripe;
using Stripe.Checkout;

namespace EmanciPay.StripeEmulator.Tests;

/// <summary>Every object the emulator returns, read raw as Stripe.net received it, has what Stripe's spec requires.</summary>
public sealed class StripeShapeTests : IAsyncLifetime
{
    private readonly EmulatorHost host = new();

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Every_object_served_has_the_required_fields_of_stripes_spec_with_their_types()
    {
        var required = RequiredFields.Load();
        await ExerciseEveryCallAsync();
        await host.Emulator.Webhooks.WhenIdleAsync(TimeSpan.FromSeconds(10));

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var problems = host.ApiResponses.Concat(host.Received.Select(r => r.Body)).SelectMany(body => required.Check(body, seen)).Distinct().ToList();

        Assert.Empty(problems);
        Assert.Equal(required.Kinds.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_check_reports_a_missing_field_a_wrong_type_and_a_null_where_the_spec_allows_none()
    {
        var required = RequiredFields.Load();
        var seen = new HashSet<string>();

        var problems = required.Check(
            """{"object":"list","url":"/v1/charges","has_more":false,"data":[{"object":"refund","id":"re_1","amount":"100","currency":"usd"},{"object":"customer","id":"cus_1","created":1,"livemode":null}]}""",
            seen);

        Assert.Equal(
            ["refund at $.data[0] has amount as string, not integer", "refund at $.data[0] has no created", "customer at $.data[1] has livemode as null, not boolean"],
            problems);
        Assert.Equal(["customer", "list", "refund"], seen.Order(StringComparer.Ordinal));
    }

    // Every operation the emulator serves, successes and errors, so that every kind of object is returned at least once.
    private async Task ExerciseEveryCallAsync()
    {
        var customer = await new CustomerService(host.Stripe).CreateAsync(new CustomerCreateOptions { Email = "a@example.test", Name = "A Listener" });
        await new CustomerService(host.Stripe).GetAsync(customer.Id);
        var options = EmulatorHost.SessionOptions(1000);
        options.PaymentIntentData.SetupFutureUsage = "off_session";
        var session = await new SessionService(host.Stripe).CreateAsync(options, new RequestOptions { IdempotencyKey = "shape-checkout" });
        await host.PayAsync(session, "4000000000000002");
        await host.PayAsync(session, "4242424242424242");
        var paid = await new SessionService(host.Stripe).GetAsync(session.Id, new SessionGetOptions { Expand = ["payment_intent.latest_charge.balance_transaction", "payment_intent.payment_method"] });
        await new PaymentMethodService(host.Stripe).GetAsync(paid.PaymentIntent.PaymentMethodId);
        await new ChargeService(host.Stripe).GetAsync(paid.PaymentIntent.LatestChargeId, new ChargeGetOptions { Expand = ["customer"] });
        await new BalanceTransactionService(host.Stripe).GetAsync(paid.PaymentIntent.LatestCharge.BalanceTransactionId);
        await new PaymentIntentService(host.Stripe).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 1500, Currency = "usd", Customer = paid.CustomerId, PaymentMethod = paid.PaymentIntent.PaymentMethodId, Confirm = true, OffSession = true,
        });
        var refund = await new RefundService(host.Stripe).CreateAsync(new RefundCreateOptions { PaymentIntent = paid.PaymentIntentId, Amount = 300, Reason = "requested_by_customer" });
        await new RefundService(host.Stripe).GetAsync(refund.Id);
        await new PaymentIntentService(host.Stripe).ListAsync(new PaymentIntentListOptions { Customer = paid.CustomerId });
        await new BalanceTransactionService(host.Stripe).ListAsync(new BalanceTransactionListOptions { Limit = 100 });
        await new SessionService(host.Stripe).ExpireAsync((await host.CreateSessionAsync(700)).Id);
        var setup = await new SessionService(host.Stripe).CreateAsync(new SessionCreateOptions
        {
            Mode = "setup", Currency = "usd", Customer = customer.Id, SuccessUrl = "https://app.example/card", SetupIntentData = new SessionSetupIntentDataOptions { Description = "Card" },
        });
        await host.PayAsync(setup, "4000000000000002");
        await host.PayAsync(setup, "4242424242424242");
        await new SessionService(host.Stripe).GetAsync(setup.Id, new SessionGetOptions { Expand = ["setup_intent.payment_method"] });
        var account = await host.CreateAccountAsync();
        var link = await host.CreateLinkAsync(account.Id);
        var (_, _, formKey) = await host.OpenAsync(link);
        (await host.SubmitAsync(link, formKey, "complete")).Dispose();
        await new AccountService(host.Stripe).GetAsync(account.Id);
        await new AccountService(host.Stripe).ListAsync(new AccountListOptions { Limit = 3 });
        var transfer = await new TransferService(host.Stripe).CreateAsync(new TransferCreateOptions { Amount = 100, Currency = "usd", Destination = account.Id, TransferGroup = "escrow-1" });
        await new TransferReversalService(host.Stripe).CreateAsync(transfer.Id, new TransferReversalCreateOptions { Amount = 40 });
        await new TransferService(host.Stripe).GetAsync(transfer.Id, new TransferGetOptions { Expand = ["balance_transaction", "destination"] });
        await new TransferService(host.Stripe).ListAsync(new TransferListOptions { TransferGroup = "escrow-1" });
        await host.Emulator.Webhooks.WhenIdleAsync(TimeSpan.FromSeconds(10));
        await new EventService(host.Stripe).GetAsync(host.Emulator.Webhooks.Attempts[0].EventId);
        var missing = await Assert.ThrowsAsync<StripeException>(() => new ChargeService(host.Stripe).GetAsync("ch_nope"));
        Assert.Equal(HttpStatusCode.NotFound, missing.HttpStatusCode);
    }
}
