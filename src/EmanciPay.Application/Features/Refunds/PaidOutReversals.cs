using EmanciPay.Application.Common;
using EmanciPay.Application.Ledger;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payouts;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Refunds;

/// <summary>
/// Before a refund is booked, whoever made it (finance, or someone in Stripe's dashboard): when the station's escrow
/// holds less than the refund because it was paid out, the difference is taken back from the station's paid transfers,
/// newest first, as far as its Stripe account still holds it. What is not reversed becomes a recovery when the refund is
/// booked (<see cref="RefundBooks"/>). Calls Stripe, so it runs with no transaction open; safe to run again for the same
/// refund, since Stripe returns a reversal already made for it instead of another.
/// </summary>
public sealed class PaidOutReversals(IAppDbContext db, IRefundGateway gateway, LedgerBook ledger)
{
    /// <param name="refundKey">Names the refund at Stripe: our refund id, or Stripe's own for a refund made in its dashboard.</param>
    public async Task<IReadOnlyList<TransferReversalSnapshot>> ReverseAsync(Guid recipientId, Currency currency, long amount, string refundKey, CancellationToken cancellationToken)
    {
        var code = LedgerAccount.EscrowCode(recipientId);
        var escrowId = await db.LedgerAccounts.AsNoTracking().Where(a => a.Code == code && a.Currency == currency).Select(a => (Guid?)a.Id).SingleOrDefaultAsync(cancellationToken);
        var available = escrowId is { } id ? (await ledger.BalanceAsync(id, cancellationToken)).AvailableCredit : 0;
        var shortfall = amount - Math.Max(0, available);
        var account = await db.ConnectedAccounts.AsNoTracking().Where(a => a.RecipientId == recipientId).Select(a => a.StripeAccountId).SingleOrDefaultAsync(cancellationToken);
        if (shortfall <= 0 || account is null)
        {
            return [];
        }

        var transfers = await db.Payouts.AsNoTracking()
            .Where(p => p.RecipientId == recipientId && p.Currency == currency && p.Status == PayoutStatus.Paid && p.TransferId != null)
            .OrderByDescending(p => p.FinishedAt)
            .Select(p => p.TransferId!)
            .ToListAsync(cancellationToken);
        if (transfers.Count == 0)
        {
            return [];
        }

        var toReverse = Math.Min(shortfall, await gateway.ConnectedAccountAvailableAsync(account, currency.Code.ToLowerInvariant(), cancellationToken));
        var reversals = new List<TransferReversalSnapshot>();
        foreach (var transfer in transfers)
        {
            if (toReverse <= 0)
            {
                break;
            }

            if (await gateway.ReverseTransferAsync(transfer, toReverse, refundKey, cancellationToken) is { } reversal)
            {
                reversals.Add(reversal);
                toReverse -= reversal.Amount;
            }
        }

        return reversals;
    }
}
