using System.Net;
using Stripe;
using Stripe.Checkout;

namespace EmanciPay.StripeEmulator.Tests;

/// <summary>Checkout in setup mode: a card saved through a SetupIntent for off-session charges, as Stripe does it.</summary>
public sealed class SetupSessionTests : IAsyncLifetime
{
    private readonly EmulatorHost host = new();

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task A_setup_session_saves_a_card_to_the_customer_that_can_then_be_charged_off_session()
    {
        var customer = await new CustomerService(host.Stripe).CreateAsync(new CustomerCreateOptions { Email = "listener@example.test" });
        var session = await new SessionService(host.Stripe).CreateAsync(SetupOptions(customer.Id));
        var page = await host.Browser.GetStringAsync(new Uri(session.Url).PathAndQuery);

        var response = await host.PayAsync(session, "5555 5555 5555 4444");

        Assert.Equal(("setup", "open", "no_payment_required", null, null, "usd"), (session.Mode, session.Status, session.PaymentStatus, session.AmountTotal, session.SetupIntentId, session.Currency));
        Assert.Contains("Save card", page, StringComparison.Ordinal);
        Assert.Contains("Update the card for your EmanciPay basket", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"https://app.example/me/basket?card_session={session.Id}", response.Headers.Location?.ToString());
        var completed = await new SessionService(host.Stripe).GetAsync(session.Id, new SessionGetOptions { Expand = ["setup_intent"] });
        Assert.Equal(("complete", "no_payment_required", customer.Id), (completed.Status, completed.PaymentStatus, completed.CustomerId));
        var intent = await new SetupIntentService(host.Stripe).GetAsync(completed.SetupIntentId);
        Assert.StartsWith("seti_", intent.Id, StringComparison.Ordinal);
        Assert.Equal(("succeeded", "off_session", customer.Id), (intent.Status, intent.Usage, intent.CustomerId));
        Assert.Equal("listener-1", intent.Metadata["listener_id"]);
        Assert.Equal(intent.Id, completed.SetupIntent.Id);
        var method = await new PaymentMethodService(host.Stripe).GetAsync(intent.PaymentMethodId);
        Assert.Equal((customer.Id, "4444", "mastercard"), (method.CustomerId, method.Card.Last4, method.Card.Brand));
        var charged = await new PaymentIntentService(host.Stripe).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 1000, Currency = "usd", Customer = customer.Id, PaymentMethod = method.Id, Confirm = true, OffSession = true,
        });
        Assert.Equal(("succeeded", method.Id), (charged.Status, charged.PaymentMethodId));
    }

    [Fact]
    public async Task Completing_it_sends_checkout_session_completed_and_setup_intent_succeeded_signed()
    {
        var customer = await new CustomerService(host.Stripe).CreateAsync(new CustomerCreateOptions());
        var session = await new SessionService(host.Stripe).CreateAsync(SetupOptions(customer.Id));
        await host.PayAsync(session, "4242424242424242");

        var events = await host.EventsAsync();

        var completed = Assert.IsType<Session>(events.Single(e => e.Type == "checkout.session.completed").Data.Object);
        var succeeded = Assert.IsType<SetupIntent>(events.Single(e => e.Type == "setup_intent.succeeded").Data.Object);
        Assert.Equal(("setup", succeeded.Id, "complete"), (completed.Mode, completed.SetupIntentId, completed.Status));
        Assert.Equal(("succeeded", customer.Id, "listener-1"), (succeeded.Status, succeeded.CustomerId, succeeded.Metadata["listener_id"]));
        Assert.NotNull(succeeded.PaymentMethodId);
        Assert.Contains(events, e => e.Type == "setup_intent.created");
        Assert.DoesNotContain(events, e => e.Type.StartsWith("payment_intent.", StringComparison.Ordinal) || e.Type.StartsWith("charge.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_declined_card_is_not_saved_and_the_session_stays_open_for_another()
    {
        var customer = await new CustomerService(host.Stripe).CreateAsync(new CustomerCreateOptions());
        var session = await new SessionService(host.Stripe).CreateAsync(SetupOptions(customer.Id));

        var declined = await host.PayAsync(session, "4000000000000002");
        var afterDecline = await new SessionService(host.Stripe).GetAsync(session.Id, new SessionGetOptions { Expand = ["setup_intent"] });
        var saved = await host.PayAsync(session, "4242424242424242");
        var events = await host.EventsAsync();

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Contains("Your card was declined.", await declined.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(("open", "requires_payment_method", "card_declined"), (afterDecline.Status, afterDecline.SetupIntent.Status, afterDecline.SetupIntent.LastSetupError.Code));
        Assert.Null(afterDecline.SetupIntent.PaymentMethodId);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(["setup_intent.created", "setup_intent.setup_failed", "setup_intent.succeeded", "checkout.session.completed"], events.Select(e => e.Type));
        Assert.Single(events, e => e.Type == "setup_intent.succeeded" && ((SetupIntent)e.Data.Object).Id == afterDecline.SetupIntentId);
    }

    [Fact]
    public async Task Without_a_customer_customer_creation_always_makes_one_for_the_saved_card()
    {
        var options = SetupOptions(customer: null);
        options.CustomerCreation = "always";
        options.CustomerEmail = "new@example.test";
        var session = await new SessionService(host.Stripe).CreateAsync(options);

        await host.PayAsync(session, "4242424242424242");

        var completed = await new SessionService(host.Stripe).GetAsync(session.Id, new SessionGetOptions { Expand = ["setup_intent.payment_method", "customer"] });
        Assert.Equal("new@example.test", completed.Customer.Email);
        Assert.Equal((completed.CustomerId, completed.CustomerId), (completed.SetupIntent.CustomerId, completed.SetupIntent.PaymentMethod.CustomerId));
    }

    [Theory]
    [InlineData("line_items")]
    [InlineData("payment_intent_data")]
    [InlineData("currency")]
    [InlineData("customer_creation")]
    public async Task Setup_mode_refuses_what_stripe_refuses(string param)
    {
        var customer = await new CustomerService(host.Stripe).CreateAsync(new CustomerCreateOptions());
        var options = SetupOptions(customer.Id);
        switch (param)
        {
            case "line_items":
                options.LineItems = EmulatorHost.SessionOptions(1000).LineItems;
                break;
            case "payment_intent_data":
                options.PaymentIntentData = new SessionPaymentIntentDataOptions { Description = "no" };
                break;
            case "currency":
                options.Currency = null;
                break;
            default:
                options.CustomerCreation = "always";
                break;
        }

        var error = await Assert.ThrowsAsync<StripeException>(() => new SessionService(host.Stripe).CreateAsync(options));

        Assert.Equal((HttpStatusCode.BadRequest, param), (error.HttpStatusCode, error.StripeError.Param));
    }

    [Fact]
    public async Task Payment_mode_refuses_setup_intent_data()
    {
        var options = EmulatorHost.SessionOptions(1000);
        options.SetupIntentData = new SessionSetupIntentDataOptions { Description = "no" };

        var error = await Assert.ThrowsAsync<StripeException>(() => new SessionService(host.Stripe).CreateAsync(options));

        Assert.Equal("setup_intent_data", error.StripeError.Param);
    }

    private static SessionCreateOptions SetupOptions(string? customer) => new()
    {
        Mode = "setup",
        Currency = "usd",
        Customer = customer,
        SuccessUrl = "https://app.example/me/basket?card_session={CHECKOUT_SESSION_ID}",
        CancelUrl = "https://app.example/me/basket",
        Metadata = new Dictionary<string, string> { ["listener_id"] = "listener-1" },
        SetupIntentData = new SessionSetupIntentDataOptions
        {
            Description = "Update the card for your EmanciPay basket",
            Metadata = new Dictionary<string, string> { ["listener_id"] = "listener-1" },
        },
    };
}
