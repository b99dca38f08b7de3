using EmanciPay.Domain.Monetary;

namespace EmanciPay.Domain.Payments;

/// <summary>What became of a payment its station had not claimed when its hold ended, as its listener chose.</summary>
public enum ExpiryDisposal
{
    None,

    /// <summary>Given back to the listener (the default).</summary>
    Refund,

    /// <summary>Moved to the station the listener chose, one that has claimed its escrow.</summary>
    Move,
}

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

    /// <summary>The basket this payment was one station's share of; its PaymentIntent is the basket's, shared with the other shares.</summary>
    public Guid? BasketId { get; private set; }

    public DateTimeOffset PaidAt { get; private set; }

    public DateTimeOffset? ReceiptSentAt { get; private set; }

    /// <summary>Set when the whole payment went back to the listener (its station never claimed its escrow in time).</summary>
    public DateTimeOffset? RefundedAt { get; private set; }

    public string? RefundId { get; private set; }

    public DateTimeOffset? RefundNoticeSentAt { get; private set; }

    /// <summary>
    /// Set, by one conditional update, in the transaction that posts the payment's expiry entry, so that a payment is
    /// disposed of one way only, whichever job gets there first.
    /// </summary>
    public ExpiryDisposal Disposal { get; private set; }

    /// <summary>The station the money was moved to at its deadline, and when.</summary>
    public Guid? MovedToRecipientId { get; private set; }

    public DateTimeOffset? MovedAt { get; private set; }

    public DateTimeOffset? MovedNoticeSentAt { get; private set; }

    /// <summary>How many of the reminders before the deadline (14 days, then 2 days before) the listener was sent.</summary>
    public int DeadlineReminders { get; private set; }

    public void MarkMovedNoticeSent(DateTimeOffset at) => MovedNoticeSentAt ??= at;

    public void MarkRefunded(string refundId, DateTimeOffset at)
    {
        RefundId ??= refundId;
        RefundedAt ??= at;
    }

    public void MarkRefundNoticeSent(DateTimeOffset at) => RefundNoticeSentAt ??= at;

    public void MarkReceiptSent(DateTimeOffset at) => ReceiptSentAt ??= at;

    public static Payment Record(Guid pledgeId, string paymentIntentId, Money gross, long fee, Guid journalEntryId, DateTimeOffset paidAt, Guid? basketId = null)
    {
        if (gross.Amount <= 0 || fee < 0 || fee > gross.Amount)
        {
            throw new ArgumentOutOfRangeException(nameof(gross), "A payment needs a positive gross amount and a fee between zero and the gross.");
        }

        return new Payment(Guid.CreateVersion7(paidAt), pledgeId, paymentIntentId, gross.Amount, fee, gross.Currency, journalEntryId, paidAt) { BasketId = basketId };
    }
}
