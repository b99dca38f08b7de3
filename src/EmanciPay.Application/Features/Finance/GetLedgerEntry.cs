using EmanciPay.Application.Common;
using EmanciPay.Domain.Ledger;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Finance;

/// <summary>
/// One journal entry: its cause, its postings with the accounts' balances after them, and the entries that undo it or
/// that it undoes. Entries are never changed: a payment is reversed by its refund or its expiry refund, a payout's
/// reservation by its void; the other steps of the same cause are listed too.
/// </summary>
public static class GetLedgerEntry
{
    [AllowedFor(Sender.Finance, Sender.Admin)]
    public sealed record Query(Guid Id) : IQuery<Entry>;

    public sealed record Entry(Guid Id, DateTimeOffset PostedAt, string Cause, string CauseId, string IdempotencyKey, string Description, IReadOnlyList<Posting> Postings, IReadOnlyList<Related> Related);

    public sealed record Posting(int Sequence, string Kind, string DebitAccount, string? DebitStation, string CreditAccount, string? CreditStation, string Currency, long Amount, long? DebitBalanceAfter, long? CreditBalanceAfter);

    /// <param name="Relation">reversed-by (this entry is undone by it), reverses (it is undone by this one) or same-cause.</param>
    public sealed record Related(Guid Id, DateTimeOffset PostedAt, string Cause, string CauseId, string Description, string Relation);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Id).NotEmpty();
    }

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Entry>
    {
        public async ValueTask<Entry> Handle(Query query, CancellationToken cancellationToken)
        {
            var entry = await db.JournalEntries.AsNoTracking().Include(e => e.Transfers).SingleOrDefaultAsync(e => e.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("Journal entry", query.Id.ToString());
            var accountIds = entry.Transfers.SelectMany(t => new[] { t.DebitAccountId, t.CreditAccountId }).Distinct().ToList();
            var codes = await db.LedgerAccounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Code, cancellationToken);
            var stations = await LedgerHistory.StationsByEscrowCodeAsync(db, codes.Values, cancellationToken);
            string? StationOf(Guid account) => stations.TryGetValue(codes[account], out var s) ? s.Name : null;
            var postings = entry.Transfers.OrderBy(t => t.Sequence).Select(t => new Posting(
                t.Sequence, BrowseLedger.KindCode(t.Kind), codes[t.DebitAccountId], StationOf(t.DebitAccountId), codes[t.CreditAccountId], StationOf(t.CreditAccountId),
                t.Currency.Code.ToLowerInvariant(), t.Amount, t.DebitBalanceAfter, t.CreditBalanceAfter)).ToList();

            var related = new List<(Guid Id, string Relation)>();
            var sameCause = await db.JournalEntries.AsNoTracking().Where(e => e.CauseType == entry.CauseType && e.CauseId == entry.CauseId && e.Id != entry.Id)
                .Select(e => new { e.Id, e.IdempotencyKey }).ToListAsync(cancellationToken);
            related.AddRange(sameCause.Select(e => (e.Id, entry.IdempotencyKey.EndsWith(":reserve", StringComparison.Ordinal) && e.IdempotencyKey.EndsWith(":void", StringComparison.Ordinal)
                ? "reversed-by"
                : entry.IdempotencyKey.EndsWith(":void", StringComparison.Ordinal) && e.IdempotencyKey.EndsWith(":reserve", StringComparison.Ordinal) ? "reverses" : "same-cause")));
            related.AddRange(await PaymentReversalsAsync(entry, cancellationToken));

            var ids = related.Select(r => r.Id).ToList();
            var entries = await db.JournalEntries.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
            var relatedEntries = related.Where(r => entries.ContainsKey(r.Id)).DistinctBy(r => r.Id)
                .Select(r => (Entry: entries[r.Id], r.Relation))
                .Select(r => new Related(r.Entry.Id, r.Entry.PostedAt, EntryCause.CodeOf(r.Entry.CauseType), r.Entry.CauseId, r.Entry.Description, r.Relation))
                .OrderBy(r => r.PostedAt)
                .ToList();
            return new Entry(entry.Id, entry.PostedAt, EntryCause.CodeOf(entry.CauseType), entry.CauseId, entry.IdempotencyKey, entry.Description, postings, relatedEntries);
        }

        /// <summary>A payment's entry and the refunds that undo it (a refund at Stripe, or unclaimed escrow given back), either way round.</summary>
        private async Task<IEnumerable<(Guid Id, string Relation)>> PaymentReversalsAsync(JournalEntry entry, CancellationToken cancellationToken)
        {
            switch (entry.CauseType)
            {
                case EntryCauseType.PledgePayment:
                    var payment = await db.Payments.AsNoTracking().Where(p => p.JournalEntryId == entry.Id).Select(p => new { p.Id, p.RefundId }).SingleOrDefaultAsync(cancellationToken);
                    if (payment is null)
                    {
                        return [];
                    }

                    var expiry = payment.Id.ToString();
                    var refund = payment.RefundId ?? "";
                    var reversals = await db.JournalEntries.AsNoTracking()
                        .Where(e => (e.CauseType == EntryCauseType.ExpiryRefund && e.CauseId == expiry) || (e.CauseType == EntryCauseType.Refund && e.CauseId == refund))
                        .Select(e => e.Id).ToListAsync(cancellationToken);
                    return reversals.Select(id => (id, "reversed-by"));
                case EntryCauseType.ExpiryRefund when Guid.TryParse(entry.CauseId, out var paymentId):
                    var paid = await db.Payments.AsNoTracking().Where(p => p.Id == paymentId).Select(p => (Guid?)p.JournalEntryId).SingleOrDefaultAsync(cancellationToken);
                    return paid is { } paidEntry ? [(paidEntry, "reverses")] : [];
                case EntryCauseType.Refund:
                    var refunded = await db.Payments.AsNoTracking().Where(p => p.RefundId == entry.CauseId).Select(p => (Guid?)p.JournalEntryId).FirstOrDefaultAsync(cancellationToken);
                    return refunded is { } refundedEntry ? [(refundedEntry, "reverses")] : [];
                default:
                    return [];
            }
        }
    }
}
