namespace EmanciPay.Application.Payments;

/// <summary>A refund as Stripe reports it. <paramref name="RefundId"/> is ours when we asked for it; <paramref name="IsExpiryRefund"/> marks the unclaimed-escrow refunds, booked by their own command.</summary>
public sealed record RefundSnapshot(string Id, string? PaymentIntentId, long Amount, string Currency, string Status, Guid? RefundId, bool IsExpiryRefund);

/// <summary>A dispute as Stripe reports it: what its balance transactions took from the platform's balance (amount and fee) and gave back.</summary>
public sealed record DisputeSnapshot(string Id, string? PaymentIntentId, long Amount, string Currency, string Status, long Withdrawn, long Reinstated);

/// <summary>A payout of the platform's own Stripe balance to its bank.</summary>
public sealed record PlatformPayoutSnapshot(string Id, long Amount, string Currency, string Status);

/// <summary>Stripe refused a refund (more than is left to refund, a charge that cannot be refunded): nothing moved.</summary>
public sealed class RefundRefusedException(string reason, Exception? innerException = null) : Exception(reason, innerException);

/// <summary>Refunds, transfer reversals, disputes and platform payouts at Stripe (Stripe.net in Infrastructure).</summary>
public interface IRefundGateway
{
    /// <summary>Refunds part or all of a payment; the idempotency key is made from our refund id, which goes in the metadata.</summary>
    /// <exception cref="RefundRefusedException">Stripe refused it.</exception>
    Task<RefundSnapshot> CreateRefundAsync(Guid refundId, string paymentIntentId, long amount, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Every refund of a charge (a <c>charge.refunded</c> event does not carry them).</summary>
    Task<IReadOnlyList<RefundSnapshot>> ListRefundsAsync(string chargeId, CancellationToken cancellationToken);

    /// <summary>What a connected account still holds in a currency: all a transfer reversal can take back.</summary>
    Task<long> ConnectedAccountAvailableAsync(string accountId, string currency, CancellationToken cancellationToken);

    /// <summary>
    /// Reverses up to <paramref name="amount"/> of a transfer for a refund, at most what is left of it; null when nothing is
    /// left. A reversal already made for that refund (its key in the metadata) is returned instead of another.
    /// </summary>
    /// <param name="refundKey">Our refund id, or Stripe's refund id for a refund made in its dashboard.</param>
    Task<TransferReversalSnapshot?> ReverseTransferAsync(string transferId, long amount, string refundKey, CancellationToken cancellationToken);

    /// <summary>The refund a verified <c>refund.*</c> event carries, or the charge id of a <c>charge.refunded</c> one (read from the payload).</summary>
    (RefundSnapshot? Refund, string? ChargeId) ReadRefundEvent(string payload);

    DisputeSnapshot? ReadDisputeEvent(string payload);

    /// <summary>The platform's payout a verified <c>payout.*</c> event carries; null for a connected account's own payout.</summary>
    PlatformPayoutSnapshot? ReadPayoutEvent(string payload);
}

/// <summary>
/// An event about a payment not yet in our books (its own event is behind it in the inbox): thrown so that the event is
/// tried again after a backoff instead of being marked processed without its effect.
/// </summary>
public sealed class PaymentNotYetRecordedException(string objectId) : Exception($"{objectId} is about a payment not yet recorded; it will be tried again.")
{
    /// <summary>How long an event waits for its payment before it is taken to be about none of ours.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromHours(1);
}
