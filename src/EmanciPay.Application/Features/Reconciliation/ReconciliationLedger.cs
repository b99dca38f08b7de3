using EmanciPay.Application.Common;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Reconciliation;

/// <summary>
/// The ledger's side of a period, as Stripe sees it: per cause, what its posted transfers did to the platform's Stripe
/// balance (gross = net movement + fee) and the fee Stripe took (transfers between fees:processing and stripe:balance),
/// summed in the database, then named by the Stripe object behind the cause.
/// </summary>
public sealed class ReconciliationLedger(IAppDbContext db)
{
    private const int LookupChunk = 5000;

    public async Task AddAsync(BalanceMatcher matcher, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var stripeCode = LedgerAccount.PlatformCode(PlatformAccount.StripeBalance);
        var feesCode = LedgerAccount.PlatformCode(PlatformAccount.ProcessingFees);
        var stripe = await db.LedgerAccounts.Where(a => a.Code == stripeCode).Select(a => a.Id).ToListAsync(cancellationToken);
        var fees = await db.LedgerAccounts.Where(a => a.Code == feesCode).Select(a => a.Id).ToListAsync(cancellationToken);
        if (stripe.Count == 0)
        {
            return;
        }

        // Nearly every entry of the window is one Stripe object; an eighth more leaves room for those only Stripe has.
        var entries = await db.JournalEntries.CountAsync(e => e.PostedAt >= from && e.PostedAt < to, cancellationToken);
        matcher.Expect(entries + entries / 8);

        var moved = db.LedgerTransfers.AsNoTracking()
            .Where(t => t.Kind == TransferKind.Posted || t.Kind == TransferKind.PostPending)
            .Where(t => stripe.Contains(t.DebitAccountId) || stripe.Contains(t.CreditAccountId));
        var inWindow = moved.Where(t => t.PostedAt >= from && t.PostedAt < to);

        // Adjustments are few and settle an object whenever they were posted, so a rerun of an old period sees them.
        var adjustments = moved.Where(t => db.JournalEntries.Any(e => e.Id == t.EntryId && e.CauseType == EntryCauseType.Adjustment) && (t.PostedAt < from || t.PostedAt >= to));

        var mapped = new List<CauseMovement>();
        await foreach (var cause in Sum(inWindow, stripe, fees).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (cause.CauseType is EntryCauseType.ExpiryRefund or EntryCauseType.Payout)
            {
                mapped.Add(cause);
                continue;
            }

            matcher.AddLedger(cause.CauseId, cause.Currency.Code, cause.Gross, cause.Fee, cause.PostedAt);
        }

        await foreach (var cause in Sum(adjustments, stripe, fees).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            matcher.AddLedger(cause.CauseId, cause.Currency.Code, cause.Gross, cause.Fee, cause.PostedAt, mayReport: false);
        }

        var stripeIds = await StripeIdsAsync(mapped, cancellationToken);
        foreach (var cause in mapped)
        {
            matcher.AddLedger(stripeIds.GetValueOrDefault(cause.CauseId) ?? $"{EntryCause.CodeOf(cause.CauseType)}:{cause.CauseId}", cause.Currency.Code, cause.Gross, cause.Fee, cause.PostedAt);
        }
    }

    private IQueryable<CauseMovement> Sum(IQueryable<LedgerTransfer> transfers, List<Guid> stripe, List<Guid> fees) =>
        from t in transfers
        join e in db.JournalEntries on t.EntryId equals e.Id
        group t by new { e.CauseType, e.CauseId, t.Currency } into g
        select new CauseMovement(
            g.Key.CauseType,
            g.Key.CauseId,
            g.Key.Currency,
            g.Sum(t => stripe.Contains(t.DebitAccountId) ? t.Amount : -t.Amount) + g.Sum(t => fees.Contains(t.DebitAccountId) ? t.Amount : fees.Contains(t.CreditAccountId) ? -t.Amount : 0),
            g.Sum(t => fees.Contains(t.DebitAccountId) ? t.Amount : fees.Contains(t.CreditAccountId) ? -t.Amount : 0),
            g.Min(t => t.PostedAt));

    // Expiry refunds are booked under our payment (its Stripe refund is recorded on it), payouts under our payout (its
    // Stripe transfer likewise).
    private async Task<Dictionary<string, string>> StripeIdsAsync(List<CauseMovement> causes, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (type, chunk) in causes.GroupBy(c => c.CauseType).SelectMany(g => g.Select(c => c.CauseId).Distinct().Chunk(LookupChunk).Select(chunk => (g.Key, chunk))))
        {
            var guids = chunk.Select(id => Guid.TryParse(id, out var guid) ? guid : Guid.Empty).ToList();
            var found = type == EntryCauseType.ExpiryRefund
                ? await db.Payments.Where(p => guids.Contains(p.Id) && p.RefundId != null).Select(p => new { p.Id, StripeId = p.RefundId! }).ToListAsync(cancellationToken)
                : await db.Payouts.Where(p => guids.Contains(p.Id) && p.TransferId != null).Select(p => new { p.Id, StripeId = p.TransferId! }).ToListAsync(cancellationToken);
            foreach (var row in found)
            {
                ids[row.Id.ToString()] = row.StripeId;
            }
        }

        return ids;
    }

    private sealed record CauseMovement(EntryCauseType CauseType, string CauseId, Currency Currency, long Gross, long Fee, DateTimeOffset PostedAt);
}
