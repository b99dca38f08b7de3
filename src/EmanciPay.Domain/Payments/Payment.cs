using EmanciPay.Domain.Monetary;

namespace EmanciPay.Domain.Payments;

/// <summary>A successful charge against a pledge, as Stripe settled it: gross, the fee Stripe kept, and the net to escrow.</summary>
public sealed class Payment
{
    private Payment(Guid id, Guid pledgeId, string paymentIntentId, long gross, long fee, Currency currency, Guid journalEntryId, DateTimeOffset paidAt)
    {
        Id = id;
        PledgeId = pledgeId;
        PaymentIntentId = paymentIntentId;
        Gross = gross;
        Fee = fee;
        Currency = currency;
        JournalEntryId = journalEntryId;
        PaidAt = paidAt;
    }

    public Guid Id { get; private set; }

    public Guid PledgeId { get; private set; }

    /// <summary>Stripe's PaymentIntent id; unique, so a payment is recorded once whichever event reports it first.</summary>
    public string PaymentIntentId { get; private set; }

    public long Gross { get; private set; }

    public long Fee { get; private set; }

    public long Net => Gross - Fee;

    public Currency Currency { get; private set; }

    public Guid JournalEntryId { get; private set; }

    public DateTimeOffset PaidAt { get; private set; }

    public DateTimeOffset? ReceiptSentAt { get; private set; }

    /// <summary>Set when the whole payment went back to the listener (its station never claimed its escrow in time).</summary>
    public DateTimeOffset? RefundedAt { get; private set; }

    public string? RefundId { get; private set; }

    public DateTimeOffset? RefundNoticeSentAt { get; private set; }

    public void MarkRefunded(string refundId, DateTimeOffset at)
    {
        RefundId ??= refundId;
        RefundedAt ??= at;
    }

    public void MarkRefundNoticeSent(DateTimeOffset at) => RefundNoticeSentAt ??= at;

    public void MarkReceiptSent(DateTimeOffset at) => ReceiptSentAt ??= at;

    public static Payment Record(Guid pledgeId, string paymentIntentId, Money gross, long fee, Guid journalEntryId, DateTimeOffset paidAt)
    {
        if (gross.Amount <= 0 || fee < 0 || fee > gross.Amount)
        {
            throw new ArgumentOutOfRangeException(nameof(gross), "A payment needs a positive gross amount and a fee between zero and the gross.");
        }

        return new Payment(Guid.CreateVersion7(paidAt), pledgeId, paymentIntentId, gross.Amount, fee, gross.Currency, journalEntryId, paidAt);
    }
}

/// <summary>
/// A Stripe event as delivered to our webhook, kept in an inbox: its id is unique, so a redelivery adds nothing, and it
/// is marked processed in the same transaction as its effects on our books. An event that cannot be processed waits
/// longer after each failed attempt instead of holding up the events behind it.
/// </summary>
public sealed class StripeEvent(string id, string type, string? paymentIntentId, string payload, DateTimeOffset receivedAt)
{
    public const int MaxIdLength = 255;

    public const int MaxTypeLength = 100;

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    public string Id { get; private set; } = id;

    public string Type { get; private set; } = type;

    /// <summary>The payment the event is about, if any: read from the event when it arrives.</summary>
    public string? PaymentIntentId { get; private set; } = paymentIntentId;

    /// <summary>The event exactly as Stripe signed it.</summary>
    public string Payload { get; private set; } = payload;

    public DateTimeOffset ReceivedAt { get; private set; } = receivedAt;

    public DateTimeOffset? ProcessedAt { get; private set; }

    public int FailedAttempts { get; private set; }

    /// <summary>When the event is next due: on arrival, or later after a failed attempt.</summary>
    public DateTimeOffset DueAt { get; private set; } = receivedAt;

    public void MarkProcessed(DateTimeOffset at) => ProcessedAt ??= at;

    /// <summary>Backs off exponentially (2, 4, 8... seconds, at most an hour) so one bad event cannot starve the rest.</summary>
    public void RecordFailedAttempt(DateTimeOffset at)
    {
        FailedAttempts++;
        var delay = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(FailedAttempts, 12)));
        DueAt = at + (delay < MaxRetryDelay ? delay : MaxRetryDelay);
    }
}
