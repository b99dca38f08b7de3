using EmanciPay.Application.Common;
using EmanciPay.Domain.Ledger;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Record;

/// <summary>
/// A listener's giving statement for one calendar year (UTC), read from the ledger: every payment posted that year for
/// the listener's pledges, with the card fee Stripe kept from it and what of it went back to the listener (refunds and
/// expiry refunds, whenever they were made), per station and in totals per currency.
/// </summary>
public static class GetGivingStatement
{
    public const int FirstYear = 2000;

    [AllowedFor(Sender.Listener)]
    public sealed record Query(string ListenerId, int Year) : IQuery<Statement>;

    /// <param name="Amount">The gift as posted to the station's escrow, in minor units.</param>
    /// <param name="Fee">Stripe's card fee kept from it.</param>
    /// <param name="Refunded">What of it went back to the listener's card.</param>
    /// <param name="MovedTo">The station its money went to when its own never claimed it, as the listener chose.</param>
    public sealed record Line(Guid PaymentId, string Station, string StationName, DateTimeOffset PaidAt, string Currency, long Amount, long Fee, long Refunded, string? MovedTo)
    {
        /// <summary>What the listener gave and kept giving: the gift less its refunds.</summary>
        public long Given => Amount - Refunded;
    }

    public sealed record Total(string Currency, long Amount, long Fees, long Refunded, long Given);

    public sealed record Statement(int Year, IReadOnlyList<Line> Lines, IReadOnlyList<Total> Totals);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(TimeProvider clock) =>
            RuleFor(q => q.Year).Must(year => year >= FirstYear && year <= clock.GetUtcNow().Year).WithMessage($"'Year' must be a year from {FirstYear} to this one.");
    }

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Statement>
    {
        public async ValueTask<Statement> Handle(Query query, CancellationToken cancellationToken) => await ReadAsync(db, query.ListenerId, query.Year, cancellationToken);
    }

    /// <summary>The statement, for the page, the PDF and the January mail alike.</summary>
    public static async Task<Statement> ReadAsync(IAppDbContext db, string listenerId, int year, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var end = start.AddYears(1);
        var payments = await (
                from payment in db.Payments
                join pledge in db.Pledges on payment.PledgeId equals pledge.Id
                join entry in db.JournalEntries on payment.JournalEntryId equals entry.Id
                join station in db.Recipients on pledge.RecipientId equals station.Id
                where pledge.ListenerId == listenerId && entry.PostedAt >= start && entry.PostedAt < end
                select new { payment.Id, payment.JournalEntryId, entry.PostedAt, station.Slug, station.Name, payment.MovedToRecipientId })
            .ToListAsync(cancellationToken);
        var paymentIds = payments.Select(p => p.Id).ToList();

        // What went back to the listener is booked under the refund's own cause (or its recovery, beyond what the escrow
        // held) or, for an expiry refund, under the payment's id; either way as money returning to Stripe's balance.
        var refundCauses = await db.Refunds.Where(r => paymentIds.Contains(r.PaymentId) && r.StripeRefundId != null)
            .Select(r => new { CauseId = r.StripeRefundId!, r.PaymentId }).ToListAsync(cancellationToken);
        var paymentOfCause = refundCauses.ToDictionary(r => r.CauseId, r => r.PaymentId);
        foreach (var id in paymentIds)
        {
            paymentOfCause[id.ToString()] = id;
        }

        var causeIds = paymentOfCause.Keys.ToList();
        var refundEntries = await db.JournalEntries
            .Where(e => causeIds.Contains(e.CauseId) && (e.CauseType == EntryCauseType.Refund || e.CauseType == EntryCauseType.Recovery || e.CauseType == EntryCauseType.ExpiryRefund))
            .Select(e => new { e.Id, e.CauseId }).ToListAsync(cancellationToken);
        var paymentOfEntry = payments.ToDictionary(p => p.JournalEntryId, p => p.Id);
        foreach (var entry in refundEntries)
        {
            paymentOfEntry[entry.Id] = paymentOfCause[entry.CauseId];
        }

        var stripeBalance = LedgerAccount.PlatformCode(PlatformAccount.StripeBalance);
        var processingFees = LedgerAccount.PlatformCode(PlatformAccount.ProcessingFees);
        var platform = await db.LedgerAccounts.Where(a => a.Code == stripeBalance || a.Code == processingFees)
            .Select(a => new { a.Id, a.Code }).ToListAsync(cancellationToken);
        var stripeIds = platform.Where(a => a.Code == stripeBalance).Select(a => a.Id).ToHashSet();
        var feeIds = platform.Where(a => a.Code == processingFees).Select(a => a.Id).ToHashSet();
        var entryIds = paymentOfEntry.Keys.ToList();
        var transfers = await db.LedgerTransfers.Where(t => entryIds.Contains(t.EntryId) && t.Kind == TransferKind.Posted)
            .Select(t => new { t.EntryId, t.DebitAccountId, t.CreditAccountId, t.Amount, t.Currency }).ToListAsync(cancellationToken);
        var paymentEntries = payments.Select(p => p.JournalEntryId).ToHashSet();
        var byPayment = transfers.ToLookup(t => paymentOfEntry[t.EntryId]);

        var movedTo = payments.Select(p => p.MovedToRecipientId).OfType<Guid>().Distinct().ToList();
        var names = await db.Recipients.Where(r => movedTo.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
        var lines = payments
            .Select(p =>
            {
                var posted = byPayment[p.Id].ToList();
                var gift = posted.Where(t => paymentEntries.Contains(t.EntryId) && stripeIds.Contains(t.DebitAccountId) && !feeIds.Contains(t.CreditAccountId)).ToList();
                return new Line(
                    p.Id, p.Slug, p.Name, p.PostedAt, gift.Select(t => t.Currency.Code.ToLowerInvariant()).FirstOrDefault() ?? "usd",
                    gift.Sum(t => t.Amount),
                    posted.Where(t => paymentEntries.Contains(t.EntryId) && feeIds.Contains(t.CreditAccountId)).Sum(t => t.Amount),
                    posted.Where(t => !paymentEntries.Contains(t.EntryId) && stripeIds.Contains(t.CreditAccountId)).Sum(t => t.Amount),
                    p.MovedToRecipientId is { } moved ? names[moved] : null);
            })
            .OrderBy(l => l.PaidAt).ThenBy(l => l.PaymentId)
            .ToList();
        var totals = lines.GroupBy(l => l.Currency).OrderBy(g => g.Key)
            .Select(g => new Total(g.Key, g.Sum(l => l.Amount), g.Sum(l => l.Fee), g.Sum(l => l.Refunded), g.Sum(l => l.Given)))
            .ToList();
        return new Statement(year, lines, totals);
    }
}
