using EmanciPay.Domain.Payments;

namespace EmanciPay.Domain.Tests.Payments;

public sealed class StripeEventTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_event_is_due_at_once()
    {
        var stripeEvent = new StripeEvent("evt_1", "payment_intent.succeeded", "pi_1", "{}", Received);

        Assert.Equal((Received, 0, (DateTimeOffset?)null), (stripeEvent.DueAt, stripeEvent.FailedAttempts, stripeEvent.ProcessedAt));
    }

    [Fact]
    public void Each_failed_attempt_doubles_the_wait_up_to_an_hour()
    {
        var stripeEvent = new StripeEvent("evt_1", "payment_intent.succeeded", "pi_1", "{}", Received);

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
        var stripeEvent = new StripeEvent("evt_1", "payment_intent.succeeded", "pi_1", "{}", Received);

        stripeEvent.MarkProcessed(Received.AddSeconds(1));
        stripeEvent.MarkProcessed(Received.AddSeconds(5));

        Assert.Equal(Received.AddSeconds(1), stripeEvent.ProcessedAt);
    }
}
