using EmanciPay.Domain.Monetary;

namespace EmanciPay.Domain.Payments;

public enum RefundStatus
{
    /// <summary>Claimed by finance; Stripe has not yet been asked, or its answer is not yet recorded.</summary>
    Pending,

    /// <summary>Stripe refunded it and our books took it from the station's escrow.</summary>
    Succeeded,

    /// <summary>Stripe refused it: nothing moved.</summary>
    Failed,
}

/// <summary>
/// All or part of a payment given back to its listener, by finance (with a reason) or from Stripe's own dashboard. Our
/// id is the idempotency key of the Stripe refund; Stripe's refund id (re_) is the cause of its ledger entry.
/// </summary>
public sealed class Refund
{
    public const int MaxReasonLength = 500;

    private Refund(Guid id, Guid paymentId, Guid recipientId, long amount, Currency currency, string reason, string? requestedBy, DateTimeOffset requestedAt)
    {
        Id = id;
        PaymentId = paymentId;
        RecipientId = recipientId;
        Amount = amount;
        Currency = currency;
        Reason = reason;
        RequestedBy = requestedBy;
        RequestedAt = requestedAt;
    }

    public Guid Id { get; private set; }

    public Guid PaymentId { get; private set; }

    public Guid RecipientId { get; private set; }

    public long Amount { get; private set; }

    public Currency Currency { get; private set; }

    public string Reason { get; private set; }

    /// <summary>The finance user who asked; null for a refund made in Stripe's dashboard.</summary>
    public string? RequestedBy { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public RefundStatus Status { get; private set; }

    /// <summary>Stripe's refund (re_); unique, so a refund is recorded once whoever reports it first.</summary>
    public string? StripeRefundId { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public string? FailureMessage { get; private set; }

    public string StripeIdempotencyKey => $"refund-{Id}";

    public const int MaxRequestKeyLength = 250;

    /// <summary>The scoped Idempotency-Key finance asked with; unique, so a retried request finds (and finishes) its refund.</summary>
    public string? RequestKey { get; private set; }

    public static Refund Request(Guid paymentId, Guid recipientId, Money amount, long refundable, string reason, string requestedBy, string requestKey, DateTimeOffset at)
    {
        if (amount.Amount <= 0 || amount.Amount > refundable)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), $"A refund must be between 1 and the {refundable} not yet refunded.");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
        {
            throw new ArgumentException($"A refund needs a reason of at most {MaxReasonLength} characters.", nameof(reason));
        }

        return new Refund(Guid.CreateVersion7(at), paymentId, recipientId, amount.Amount, amount.Currency, reason.Trim(), requestedBy, at) { RequestKey = requestKey };
    }

    /// <summary>A refund Stripe made without us (its dashboard): recorded as it already succeeded.</summary>
    public static Refund MadeAtStripe(Guid paymentId, Guid recipientId, Money amount, string stripeRefundId, DateTimeOffset at)
    {
        var refund = new Refund(Guid.CreateVersion7(at), paymentId, recipientId, amount.Amount, amount.Currency, "Refunded in Stripe's dashboard", null, at);
        refund.Succeed(stripeRefundId, at);
        return refund;
    }

    public void Succeed(string stripeRefundId, DateTimeOffset at)
    {
        if (Status == RefundStatus.Succeeded)
        {
            return;
        }

        StripeRefundId = stripeRefundId;
        Status = RefundStatus.Succeeded;
        CompletedAt = at;
    }

    public void Fail(string message, DateTimeOffset at)
    {
        if (Status != RefundStatus.Pending)
        {
            return;
        }

        Status = RefundStatus.Failed;
        FailureMessage = message.Length > 300 ? message[..300] : message;
        CompletedAt = at;
    }
}
