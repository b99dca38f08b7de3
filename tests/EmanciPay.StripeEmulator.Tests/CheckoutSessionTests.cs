using System.Net;
using Stripe;
using Stripe.Checkout;

namespace EmanciPay.StripeEmulator.Tests;

/// <summary>Checkout in payment mode, driven through Stripe.net and the hosted page, as Stripe behaves.</summary>
public sealed class CheckoutSessionTests : IAsyncLifetime
{
    private readonly EmulatorHost host = new();

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task A_checkout_session_is_created_in_stripes_shape_with_a_hosted_payment_page()
    {
        var session = await host.CreateSessionAsync(1000);

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
        Assert.Contains("Pay $10.00", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paying_with_4242_redirects_to_the_success_url_and_the_charge_has_stripes_fee()
    {
        var session = await host.CreateSessionAsync(1000);

        var response = await host.PayAsync(session, "4242 4242 4242 4242");

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
        var session = await host.CreateSessionAsync(amount);
        await host.PayAsync(session, "4242424242424242");

        var paid = await new SessionService(host.Stripe).GetAsync(session.Id, new SessionGetOptions { Expand = ["payment_intent.latest_charge.balance_transaction"] });

        Assert.Equal(fee, paid.PaymentIntent.LatestCharge.BalanceTransaction.Fee);
        Assert.Equal(amount - fee, paid.PaymentIntent.LatestCharge.BalanceTransaction.Net);
    }

    [Theory]
    [InlineData("4000000000000002", "generic_decline", "Your card was declined.")]
    [InlineData("4000000000009995", "insufficient_funds", "Your card has insufficient funds.")]
    public async Task A_declined_card_leaves_the_session_open_and_another_card_can_still_pay(string card, string declineCode, string message)
    {
        var session = await host.CreateSessionAsync(1000);

        var declined = await host.PayAsync(session, card);
        var afterDecline = await new SessionService(host.Stripe).GetAsync(session.Id, new SessionGetOptions { Expand = ["payment_intent"] });
        var paid = await host.PayAsync(session, "4242424242424242");

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Contains(message, await declined.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("open", afterDecline.Status);
        Assert.Equal(session.Url, afterDecline.Url);
        Assert.Equal("requires_payment_method", afterDecline.PaymentIntent.Status);
        Assert.Equal(("card_declined", declineCode), (afterDecline.PaymentIntent.LastPaymentError.Code, afterDecline.PaymentIntent.LastPaymentError.DeclineCode));
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var events = await host.EventsAsync();
        Assert.Contains(events, e => e.Type == "payment_intent.payment_failed");
        Assert.Contains(events, e => e.Type == "checkout.session.completed");
    }

    [Fact]
    public async Task A_session_has_a_url_only_while_it_is_open()
    {
        var completed = await host.CreateSessionAsync(1000);
        var expired = await host.CreateSessionAsync(1000);
        await host.PayAsync(completed, "4242424242424242");

        var expiredNow = await new SessionService(host.Stripe).ExpireAsync(expired.Id);
        var completedNow = await new SessionService(host.Stripe).GetAsync(completed.Id);
        var events = await host.EventsAsync();

        Assert.NotNull(completed.Url);
        Assert.Equal(("complete", null), (completedNow.Status, completedNow.Url));
        Assert.Equal(("expired", null), (expiredNow.Status, expiredNow.Url));
        Assert.Null(Assert.IsType<Session>(events.Single(e => e.Type == "checkout.session.completed").Data.Object).Url);
        Assert.Contains("no longer open", await host.Browser.GetStringAsync(new Uri(completed.Url).PathAndQuery), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(document.domain)", null)]
    [InlineData("/thanks", null)]
    [InlineData("ftp://files.example/thanks", null)]
    [InlineData("https://app.example/thanks", "javascript:alert(1)")]
    [InlineData("https://app.example/thanks", "//evil.example/")]
    public async Task Success_and_cancel_urls_must_be_absolute_http_or_https_as_at_stripe(string successUrl, string? cancelUrl)
    {
        var options = EmulatorHost.SessionOptions(1000);
        options.SuccessUrl = successUrl;
        options.CancelUrl = cancelUrl;

        var error = await Assert.ThrowsAsync<StripeException>(() => new SessionService(host.Stripe).CreateAsync(options));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal(("url_invalid", cancelUrl is null ? "success_url" : "cancel_url"), (error.StripeError.Code, error.StripeError.Param));
    }

    [Fact]
    public async Task Subscription_mode_is_not_served_the_app_charges_later_cycles_itself()
    {
        var options = EmulatorHost.SessionOptions(1000);
        options.Mode = "subscription";

        var error = await Assert.ThrowsAsync<StripeException>(() => new SessionService(host.Stripe).CreateAsync(options));
        var subscriptions = await host.SendAsync(HttpMethod.Get, "subscriptions/sub_1");

        Assert.Equal(("invalid_request_error", "mode"), (error.StripeError.Type, error.StripeError.Param));
        Assert.Equal(HttpStatusCode.NotFound, subscriptions.Status);
        Assert.Equal("invalid_request_error", (string?)subscriptions.Body["error"]!["type"]);
    }
}
