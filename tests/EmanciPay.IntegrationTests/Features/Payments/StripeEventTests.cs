using EmanciPay.Application.Payments;

namespace EmanciPay.IntegrationTests.Features.Payments;

/// <summary>The inbox record on its own: backoff, and the marks that say what became of an event.</summary>
public sealed class StripeEventTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    private static StripeEvent NewEvent() => new("evt_1", "payment_intent.succeeded", "payment_intent", "pi_1", "{}", Received);

    [Fact]
    public void A_new_event_is_due_at_once()
    {
        var stripeEvent = NewEvent();

        Assert.Equal((Received, 0, (DateTimeOffset?)null, StripeEventStatus.Received), (stripeEvent.DueAt, stripeEvent.FailedAttempts, stripeEvent.ProcessedAt, stripeEvent.Status));
    }

    [Fact]
    public void Each_failed_attempt_doubles_the_wait_up_to_an_hour()
    {
        var stripeEvent = NewEvent();

        var waits = Enumerable.Range(0, 14).Select(_ =>
        {
            stripeEvent.RecordFailedAttempt(Received);
            return stripeEvent.DueAt - Received;
        }).ToList();

        Assert.Equal([2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 3600, 3600, 3600], waits.Select(w => w.TotalSeconds));
        Assert.Equal(14, stripeEvent.FailedAttempts);
    }

    [Fact]
    public void Marking_processed_twice_keeps_the_first_time()
    {
        var stripeEvent = NewEvent();

        stripeEvent.MarkProcessed(Received.AddSeconds(1));
        stripeEvent.MarkProcessed(Received.AddSeconds(5));

        Assert.Equal((StripeEventStatus.Processed, Received.AddSeconds(1)), (stripeEvent.Status, stripeEvent.ProcessedAt));
    }

    [Fact]
    public void An_ignored_event_is_not_processed_and_a_processed_one_is_never_ignored()
    {
        var ignored = NewEvent();
        var processed = NewEvent();

        ignored.MarkIgnored();
        processed.MarkProcessed(Received);
        processed.MarkIgnored();

        Assert.Equal((StripeEventStatus.Ignored, (DateTimeOffset?)null), (ignored.Status, ignored.ProcessedAt));
        Assert.Equal(StripeEventStatus.Processed, processed.Status);
    }
}
