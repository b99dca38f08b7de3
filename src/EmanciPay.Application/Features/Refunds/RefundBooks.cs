using EmanciPay.Application.Common;
using EmanciPay.Application.Ledger;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Refunds;

/// <summary>
/// How refunds and disputes reach the books, in the caller's transaction, each once by its Stripe cause whoever reports
/// it first (our command, a webhook). Money Stripe took from the platform's balance comes out of the station's escrow:
/// what the escrow has available under the refund's or dispute's own cause, and the rest as a flagged recovery entry,
/// the only kind of entry that may take an escrow below zero. The station's later pledges fill that hole before any of
/// them can be paid out, which is how the debt is repaid first.
/// </summary>
public sealed class RefundBooks(IAppDbContext db, LedgerBook ledger, TimeProvider clock)
{
    /// <summary>Books a refund Stripe made: the transfer reversals made for it first, then the refund itself.</summary>
    public async Task RecordRefundAsync(Refund refund, RefundSnapshot made, IReadOnlyList<TransferReversalSnapshot> reversals, CancellationToken cancellationToken)
    {
        foreach (var reversal in reversals)
        {
            await GiveBackAsync(new EntryCause(EntryCauseType.TransferReversal, reversal.Id), refund.RecipientId, refund.Currency, reversal.Amount,
                $"Payout transfer reversed for refund {refund.Id}", cancellationToken);
        }

        await TakeFromEscrowAsync(new EntryCause(EntryCauseType.Refund, made.Id), refund.RecipientId, refund.Currency, made.Amount,
            $"Refund {refund.Id} of payment {refund.PaymentId}", cancellationToken);
        refund.Succeed(made.Id, clock.GetUtcNow());
    }

    /// <summary>Takes money Stripe took (a refund, a dispute) from the escrow, as far as it goes, and flags the rest for recovery.</summary>
    public async Task TakeFromEscrowAsync(EntryCause cause, Guid recipientId, Currency currency, long amount, string description, CancellationToken cancellationToken)
    {
        var recovery = new EntryCause(EntryCauseType.Recovery, cause.Id, cause.Step);
        string[] keys = [cause.IdempotencyKey, recovery.IdempotencyKey];
        if (amount <= 0 || await db.JournalEntries.AnyAsync(e => keys.Contains(e.IdempotencyKey), cancellationToken))
        {
            return;
        }

        var stripe = await ledger.PlatformAccountAsync(PlatformAccount.StripeBalance, currency, cancellationToken);
        var escrow = await ledger.EscrowAccountAsync(recipientId, currency, cancellationToken);
        var covered = Math.Clamp((await ledger.BalanceAsync(escrow.Id, cancellationToken)).AvailableCredit, 0, amount);
        if (covered > 0)
        {
            await ledger.PostAsync(cause, description, [new TransferRequest.Post(escrow.Id, stripe.Id, new Money(covered, currency))], cancellationToken);
        }

        if (amount > covered)
        {
            await ledger.PostAsync(
                recovery,
                $"{description}: {amount - covered} more than the escrow held, recovered from the station's next pledges",
                [new TransferRequest.Post(escrow.Id, stripe.Id, new Money(amount - covered, currency))],
                cancellationToken);
        }
    }

    /// <summary>Money Stripe gave back to the platform's balance for a station (a transfer reversal, a dispute won) goes back to its escrow.</summary>
    public async Task GiveBackAsync(EntryCause cause, Guid recipientId, Currency currency, long amount, string description, CancellationToken cancellationToken)
    {
        if (amount <= 0)
        {
            return;
        }

        var stripe = await ledger.PlatformAccountAsync(PlatformAccount.StripeBalance, currency, cancellationToken);
        var escrow = await ledger.EscrowAccountAsync(recipientId, currency, cancellationToken);
        await ledger.PostAsync(cause, description, [new TransferRequest.Post(stripe.Id, escrow.Id, new Money(amount, currency))], cancellationToken);
    }

    /// <summary>
    /// What is left to refund of a payment: its gross less every refund not refused; nothing once its expiry refund has
    /// claimed it (that refund gives back all that is left, see <c>RefundPayment</c>).
    /// </summary>
    public async Task<long> RefundableAsync(Payment payment, CancellationToken cancellationToken) =>
        payment.RefundedAt is not null || payment.Disposal == ExpiryDisposal.Refund
            ? 0
            : payment.Gross - await db.Refunds.Where(r => r.PaymentId == payment.Id && r.Status != RefundStatus.Failed).SumAsync(r => r.Amount, cancellationToken);
}
