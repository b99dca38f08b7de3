using System.Diagnostics;
using System.Net;
using Stripe;
using Stripe.Checkout;

namespace EmanciPay.StripeEmulator.Tests;

/// <summary>Idempotency-Key as Stripe honours it, and the fault hooks tests use to make Stripe fail or slow.</summary>
public sealed class IdempotencyAndFaultTests : IAsyncLifetime
{
    private readonly EmulatorHost host = new();

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task The_same_idempotency_key_replays_the_first_response_and_other_parameters_are_refused()
    {
        var first = await host.CreateSessionAsync(1000, new RequestOptions { IdempotencyKey = "pledge-1-checkout" });
        var replay = await host.CreateSessionAsync(1000, new RequestOptions { IdempotencyKey = "pledge-1-checkout" });

        var conflict = await Assert.ThrowsAsync<StripeException>(() => host.CreateSessionAsync(2000, new RequestOptions { IdempotencyKey = "pledge-1-checkout" }));

        Assert.Equal(first.Id, replay.Id);
        Assert.Equal("true", replay.StripeResponse.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(HttpStatusCode.BadRequest, conflict.HttpStatusCode);
        Assert.Equal("idempotency_error", conflict.StripeError.Type);
    }

    [Fact]
    public async Task A_request_refused_for_its_parameters_is_not_saved_under_its_key_so_a_corrected_retry_runs()
    {
        var request = new RequestOptions { IdempotencyKey = "pledge-2-checkout" };

        var tooSmall = await Assert.ThrowsAsync<StripeException>(() => host.CreateSessionAsync(10, request));
        var unknown = await host.SendAsync(HttpMethod.Post, "checkout/sessions", new FormUrlEncodedContent(new Dictionary<string, string> { ["mode"] = "payment", ["colour"] = "red" }), "pledge-2-checkout");
        var corrected = await host.CreateSessionAsync(1000, request);
        var replay = await host.CreateSessionAsync(1000, request);

        Assert.Equal(HttpStatusCode.BadRequest, tooSmall.HttpStatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("open", corrected.Status);
        Assert.False(corrected.StripeResponse.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(corrected.Id, replay.Id);
    }

    [Fact]
    public async Task A_declined_payment_is_saved_under_its_key_and_replayed_as_at_stripe()
    {
        var declining = await SavedCardAsync("4000000000000002");
        var request = new RequestOptions { IdempotencyKey = "cycle-3" };

        var first = await Assert.ThrowsAsync<StripeException>(() => new PaymentIntentService(host.Stripe).CreateAsync(OffSession(declining), request));
        var again = await Assert.ThrowsAsync<StripeException>(() => new PaymentIntentService(host.Stripe).CreateAsync(OffSession(declining), request));

        Assert.Equal((HttpStatusCode.PaymentRequired, "card_error"), (first.HttpStatusCode, first.StripeError.Type));
        Assert.Equal("true", again.StripeResponse.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task An_injected_500_is_retried_by_stripe_net_with_the_same_key_and_creates_one_session()
    {
        host.Emulator.Faults.FailNext(1, 500);

        var session = await host.CreateSessionAsync(1000);

        Assert.Equal(1, host.Emulator.Faults.Served);
        Assert.Equal("open", (await new SessionService(host.Stripe).GetAsync(session.Id)).Status);
    }

    [Fact]
    public async Task Failures_beyond_stripe_nets_retries_reach_the_caller_with_stripes_error_shape()
    {
        host.Emulator.Faults.FailNext(3, 500);

        var error = await Assert.ThrowsAsync<StripeException>(() => host.CreateSessionAsync(1000));

        Assert.Equal(HttpStatusCode.InternalServerError, error.HttpStatusCode);
        Assert.Equal("api_error", error.StripeError.Type);
    }

    [Fact]
    public async Task A_429_is_not_retried_and_reports_a_rate_limit()
    {
        host.Emulator.Faults.FailNext(1, 429);

        var error = await Assert.ThrowsAsync<StripeException>(() => host.CreateSessionAsync(1000));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.HttpStatusCode);
        Assert.Equal("rate_limit", error.StripeError.Code);
    }

    [Fact]
    public async Task Latency_is_added_to_every_api_call_and_concurrent_calls_wait_side_by_side()
    {
        // Bounds are whole multiples of the latency apart, so a loaded machine cannot make the test lie either way.
        var latency = TimeSpan.FromSeconds(2);
        host.Emulator.Faults.Latency = latency;
        var clock = Stopwatch.StartNew();

        var sessions = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.CreateSessionAsync(1000)));
        var concurrent = clock.Elapsed;
        clock.Restart();
        await new SessionService(host.Stripe).GetAsync(sessions[0].Id);
        await new BalanceTransactionService(host.Stripe).ListAsync();
        var refused = await Assert.ThrowsAsync<StripeException>(() => new RefundService(host.Stripe).CreateAsync(new RefundCreateOptions { Charge = "ch_nope" }));
        var sequential = clock.Elapsed;
        host.Emulator.Faults.Clear();
        clock.Restart();
        await new SessionService(host.Stripe).GetAsync(sessions[0].Id);

        Assert.InRange(concurrent, latency, 8 * latency - TimeSpan.FromMilliseconds(1)); // in turn, 8 calls take 8 latencies
        Assert.Equal(HttpStatusCode.NotFound, refused.HttpStatusCode);
        Assert.True(sequential >= 3 * latency, $"3 calls in turn took {sequential}");
        Assert.True(clock.Elapsed < latency, $"after Clear a call took {clock.Elapsed}");
    }

    private async Task<(string CustomerId, string PaymentMethodId)> SavedCardAsync(string card)
    {
        var options = EmulatorHost.SessionOptions(1000);
        options.PaymentIntentData.SetupFutureUsage = "off_session";
        var session = await new SessionService(host.Stripe).CreateAsync(options);
        await host.PayAsync(session, card);
        var paid = await new SessionService(host.Stripe).GetAsync(session.Id, new SessionGetOptions { Expand = ["payment_intent"] });
        return (paid.CustomerId, paid.PaymentIntent.PaymentMethodId);
    }

    private static PaymentIntentCreateOptions OffSession((string CustomerId, string PaymentMethodId) saved) => new()
    {
        Amount = 1500,
        Currency = "usd",
        Customer = saved.CustomerId,
        PaymentMethod = saved.PaymentMethodId,
        Confirm = true,
        OffSession = true,
    };
}
