namespace EmanciPay.Application.Payments;

/// <summary>A transfer to make from the platform's balance to a station's connected account, for one payout.</summary>
/// <param name="TransferGroup">The station's escrow account code: all of a station's transfers are one group at Stripe.</param>
/// <param name="IdempotencyKey">Derived from the payout id, so every attempt sends the same one.</param>
public sealed record PayoutTransfer(Guid PayoutId, long Amount, string Currency, string DestinationAccountId, string TransferGroup, string IdempotencyKey);

/// <summary>A transfer as Stripe reports it, with the reversals made of it so far.</summary>
public sealed record TransferSnapshot(string Id, Guid? PayoutId, long Amount, string Currency, IReadOnlyList<TransferReversalSnapshot> Reversals);

public sealed record TransferReversalSnapshot(string Id, long Amount);

public enum TransferFailure
{
    /// <summary>Stripe could not answer now (5xx, 429, a timeout, a lost connection): the same transfer may be tried again later.</summary>
    Transient,

    /// <summary>Stripe refused the transfer (no funds, an account that cannot receive transfers): trying again will not help.</summary>
    Final,
}

/// <summary>A transfer that did not happen, and whether to try again; <see cref="Exception.Message"/> says why in words a station manager can act on.</summary>
public sealed class TransferFailedException(TransferFailure failure, string reason, Exception? innerException = null) : Exception(reason, innerException)
{
    public TransferFailure Failure { get; } = failure;
}

/// <summary>Stripe Transfers to stations' connected accounts (Stripe.net in Infrastructure).</summary>
public interface ITransferGateway
{
    /// <summary>Creates the payout's transfer; a retry with the same idempotency key within 24 hours gets the same transfer back.</summary>
    /// <exception cref="TransferFailedException">Stripe did not make the transfer.</exception>
    Task<TransferSnapshot> CreateTransferAsync(PayoutTransfer transfer, CancellationToken cancellationToken);

    /// <summary>
    /// The payout's transfer if Stripe has one: listed by transfer group and recognised by our payout id in its metadata,
    /// for attempts older than Stripe's memory of idempotency keys.
    /// </summary>
    /// <exception cref="TransferFailedException">Stripe could not be asked (always transient).</exception>
    Task<TransferSnapshot?> FindTransferAsync(string transferGroup, Guid payoutId, CancellationToken cancellationToken);

    /// <summary>The transfer a verified transfer event carries, read from its payload (no call to Stripe); null when it is not one.</summary>
    TransferSnapshot? ReadTransferEvent(string payload);
}
