using EmanciPay.Domain.Monetary;

namespace EmanciPay.Domain.Payouts;

public enum PayoutStatus
{
    /// <summary>Reserved in escrow; above the approval limit, so a finance user other than the requester must approve.</summary>
    AwaitingApproval,

    /// <summary>Reserved and approved: the transfer job may run.</summary>
    Approved,

    /// <summary>A transfer attempt has started; its outcome is not yet recorded.</summary>
    Transferring,

    /// <summary>Stripe made the transfer and the reservation was posted. Final.</summary>
    Paid,

    /// <summary>The transfer failed for good, or it was never approved; the reservation went back to available. Final.</summary>
    Failed,

    /// <summary>Refused by finance; the reservation went back to available. Final.</summary>
    Rejected,
}

/// <summary>
/// Money a station asked to be paid out of its escrow. Its amount is reserved in escrow when requested (so it cannot
/// be paid twice or exceed what is available); the transfer posts the reservation, a failure or rejection voids it.
/// The transitions allowed are the ones below; anything else is refused, so a duplicate job or a late retry can never
/// move a finished payout.
/// </summary>
public sealed class Payout
{
    /// <summary>Stripe forgets an idempotency key after 24 hours; an attempt older than this must look the transfer up first.</summary>
    public static readonly TimeSpan IdempotencyKeyLifetime = TimeSpan.FromHours(24);

    public const int MaxReasonLength = 500;

    private Payout(Guid id, Guid recipientId, long amount, Currency currency, string requestedBy, bool needsApproval, DateTimeOffset requestedAt)
    {
        Id = id;
        RecipientId = recipientId;
        Amount = amount;
        Currency = currency;
        RequestedBy = requestedBy;
        RequestedAt = requestedAt;
        Status = needsApproval ? PayoutStatus.AwaitingApproval : PayoutStatus.Approved;
        ApprovedAt = needsApproval ? null : requestedAt;
    }

    private Payout()
    {
        RequestedBy = null!;
    }

    public Guid Id { get; private set; }

    public Guid RecipientId { get; private set; }

    public long Amount { get; private set; }

    public Currency Currency { get; private set; }

    public string RequestedBy { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public PayoutStatus Status { get; private set; }

    public string? ApprovedBy { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    /// <summary>When the first transfer attempt started: Stripe's idempotency key for the transfer dates from then.</summary>
    public DateTimeOffset? FirstAttemptAt { get; private set; }

    /// <summary>How many transfer attempts have started; claiming an attempt changes it, so two workers cannot claim the same one.</summary>
    public int Attempts { get; private set; }

    /// <summary>When the latest transfer attempt started: one that has not finished long after is picked up again by the sweep.</summary>
    public DateTimeOffset? LastAttemptAt { get; private set; }

    /// <summary>When the station's managers were told how the payout ended.</summary>
    public DateTimeOffset? NoticeSentAt { get; private set; }

    /// <summary>When a transient failure allows the next attempt.</summary>
    public DateTimeOffset? RetryAt { get; private set; }

    public string? TransferId { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Why the payout failed or was rejected, in words a station manager can act on.</summary>
    public string? Reason { get; private set; }

    public bool IsFinished => Status is PayoutStatus.Paid or PayoutStatus.Failed or PayoutStatus.Rejected;

    /// <summary>The key sent with the transfer to Stripe: derived from our id, so every attempt sends the same one.</summary>
    public string TransferIdempotencyKey => $"payout-{Id:N}";

    /// <summary>A request for a positive amount; at or below <paramref name="approvalLimit"/> it is approved at once.</summary>
    public static Payout Request(Guid recipientId, long amount, Currency currency, string requestedBy, long approvalLimit, DateTimeOffset requestedAt)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        ArgumentOutOfRangeException.ThrowIfNegative(approvalLimit);
        ArgumentException.ThrowIfNullOrWhiteSpace(requestedBy);
        return new Payout(Guid.CreateVersion7(requestedAt), recipientId, amount, currency, requestedBy, amount > approvalLimit, requestedAt);
    }

    public void Approve(string approvedBy, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(approvedBy);
        Require(PayoutStatus.AwaitingApproval, "approved");
        if (string.Equals(approvedBy, RequestedBy, StringComparison.Ordinal))
        {
            throw new PayoutTransitionException("A payout must be approved by someone other than the person who requested it.");
        }

        (Status, ApprovedBy, ApprovedAt) = (PayoutStatus.Approved, approvedBy, at);
    }

    public void Reject(string reason, DateTimeOffset at)
    {
        Require(PayoutStatus.AwaitingApproval, "rejected");
        Finish(PayoutStatus.Rejected, reason, at);
    }

    /// <summary>
    /// Starts a transfer attempt. Returns true when Stripe may have forgotten an earlier attempt's idempotency key, so
    /// the transfer must be looked up at Stripe (by transfer group and our id) before one is created.
    /// </summary>
    public bool BeginAttempt(DateTimeOffset at)
    {
        if (Status is not (PayoutStatus.Approved or PayoutStatus.Transferring))
        {
            throw new PayoutTransitionException($"A payout that is {Status} cannot be transferred.");
        }

        if (RetryAt > at)
        {
            throw new PayoutTransitionException($"The next attempt is due at {RetryAt:u}.");
        }

        FirstAttemptAt ??= at;
        (Status, Attempts, RetryAt, LastAttemptAt) = (PayoutStatus.Transferring, Attempts + 1, null, at);
        return at - FirstAttemptAt.Value >= IdempotencyKeyLifetime;
    }

    /// <summary>A transient failure (Stripe 5xx, 429, a timeout): the next attempt waits, doubling from 1 minute to 1 hour.</summary>
    public void RetryLater(DateTimeOffset at)
    {
        Require(PayoutStatus.Transferring, "retried");
        var wait = TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Min(Attempts - 1, 6))));
        RetryAt = at + wait;
    }

    /// <summary>Stripe made the transfer. Recording the same transfer again changes nothing (a webhook may come first).</summary>
    public void MarkPaid(string transferId, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transferId);
        if (Status == PayoutStatus.Paid && TransferId == transferId)
        {
            return;
        }

        if (Status is not (PayoutStatus.Approved or PayoutStatus.Transferring))
        {
            throw new PayoutTransitionException($"A payout that is {Status} cannot be marked paid.");
        }

        TransferId = transferId;
        Finish(PayoutStatus.Paid, null, at);
    }

    /// <summary>The transfer failed for good: the reservation goes back to available and the manager is told why.</summary>
    public void Fail(string reason, DateTimeOffset at)
    {
        if (Status is not (PayoutStatus.Approved or PayoutStatus.Transferring))
        {
            throw new PayoutTransitionException($"A payout that is {Status} cannot fail.");
        }

        Finish(PayoutStatus.Failed, reason, at);
    }

    /// <summary>The managers were told the outcome; only a finished payout has one to tell.</summary>
    public void MarkNoticeSent(DateTimeOffset at)
    {
        if (!IsFinished)
        {
            throw new PayoutTransitionException($"A payout that is {Status} has no outcome to tell yet.");
        }

        NoticeSentAt ??= at;
    }

    private void Require(PayoutStatus expected, string action)
    {
        if (Status != expected)
        {
            throw new PayoutTransitionException($"A payout that is {Status} cannot be {action}.");
        }
    }

    private void Finish(PayoutStatus status, string? reason, DateTimeOffset at)
    {
        if (reason is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(reason);
            reason = reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason;
        }

        (Status, Reason, FinishedAt, RetryAt) = (status, reason, at, null);
    }
}

/// <summary>A payout was asked to move in a way its state does not allow.</summary>
public sealed class PayoutTransitionException(string message) : InvalidOperationException(message);
