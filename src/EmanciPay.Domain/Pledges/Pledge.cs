using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payments;

namespace EmanciPay.Domain.Pledges;

public enum PledgeFrequency
{
    OneTime,
    Monthly,
}

public enum PledgeStatus
{
    /// <summary>Waiting for the listener to pay at checkout.</summary>
    Pending,

    /// <summary>A monthly pledge whose first payment succeeded; later cycles charge the saved card.</summary>
    Active,

    /// <summary>A one-time pledge, paid.</summary>
    Paid,

    /// <summary>The payment was declined; nothing was posted.</summary>
    Failed,

    Cancelled,
}

/// <summary>A listener's promise to pay a recipient, once or monthly, on the listener's terms.</summary>
public sealed class Pledge
{
    public const int MaxMessageLength = 500;

    private Pledge(Guid id, Guid recipientId, string? listenerId, string email, PledgeQuote quote, Currency currency, PledgeFrequency frequency, string? message, bool anonymous, bool coverFee, DateTimeOffset createdAt)
    {
        Id = id;
        RecipientId = recipientId;
        ListenerId = listenerId;
        Email = email;
        Amount = quote.Pledged;
        ChargeAmount = quote.Charged;
        EstimatedFee = quote.Fee;
        Currency = currency;
        Frequency = frequency;
        Message = message;
        Anonymous = anonymous;
        CoverFee = coverFee;
        Status = PledgeStatus.Pending;
        CreatedAt = createdAt;
    }

    private Pledge()
    {
        Email = null!;
    }

    public Guid Id { get; private set; }

    public Guid RecipientId { get; private set; }

    /// <summary>The signed-in listener's user id; null for a guest's one-time pledge.</summary>
    public string? ListenerId { get; private set; }

    /// <summary>Where the receipt goes.</summary>
    public string Email { get; private set; }

    /// <summary>What the listener pledged.</summary>
    public long Amount { get; private set; }

    /// <summary>What the card is charged: the pledge, plus the fee when the listener chose to cover it.</summary>
    public long ChargeAmount { get; private set; }

    /// <summary>The fee quoted before paying; the ledger posts the fee Stripe actually took.</summary>
    public long EstimatedFee { get; private set; }

    public Currency Currency { get; private set; }

    public PledgeFrequency Frequency { get; private set; }

    public string? Message { get; private set; }

    /// <summary>The listener's term: the station never sees who gave.</summary>
    public bool Anonymous { get; private set; }

    public bool CoverFee { get; private set; }

    public PledgeStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string? CheckoutSessionId { get; private set; }

    public string? CheckoutUrl { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public string? FailureReason { get; private set; }

    public static Pledge Create(Guid recipientId, string? listenerId, string email, PledgeQuote quote, Currency currency, PledgeFrequency frequency, string? message, bool anonymous, bool coverFee, DateTimeOffset createdAt)
    {
        if (quote.Pledged <= 0 || quote.Charged < quote.Pledged)
        {
            throw new ArgumentOutOfRangeException(nameof(quote), "A pledge must be for a positive amount.");
        }

        if (frequency == PledgeFrequency.Monthly && listenerId is null)
        {
            throw new InvalidOperationException("A monthly pledge needs a signed-in listener who can manage it.");
        }

        return new Pledge(Guid.CreateVersion7(createdAt), recipientId, listenerId, email, quote, currency, frequency, string.IsNullOrWhiteSpace(message) ? null : message.Trim(), anonymous, coverFee, createdAt);
    }

    public void AttachCheckout(string sessionId, string url)
    {
        CheckoutSessionId = sessionId;
        CheckoutUrl = url;
    }

    /// <summary>A payment succeeded: a one-time pledge is paid, a monthly one active. A success after a decline wins.</summary>
    public void RecordPaymentSucceeded(DateTimeOffset paidAt)
    {
        if (Status == PledgeStatus.Cancelled)
        {
            return;
        }

        Status = Frequency == PledgeFrequency.Monthly ? PledgeStatus.Active : PledgeStatus.Paid;
        PaidAt ??= paidAt;
        FailureReason = null;
    }

    /// <summary>A payment was declined. Only a pledge not yet paid fails; a late decline event never undoes a payment.</summary>
    public void RecordPaymentFailed(string reason)
    {
        if (Status is PledgeStatus.Pending or PledgeStatus.Failed)
        {
            Status = PledgeStatus.Failed;
            FailureReason = reason.Length > 300 ? reason[..300] : reason;
        }
    }
}
