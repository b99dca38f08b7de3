using EmanciPay.Application.Common;
using EmanciPay.Domain.Ledger;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Finance;

/// <summary>
/// Per currency and month, over the last months: what listeners paid into stations' escrow, what was paid out of it to
/// stations, and what escrow held at the month's end. Held is worked back from what escrow holds now (its counter
/// rows) less each later month's net change, so only the months asked for are read.
/// </summary>
public static class GetMonthlyFigures
{
    public const int MaxMonths = 60;

    [AllowedFor(Sender.Finance, Sender.Admin)]
    public sealed record Query(DateOnly Today, int Months = 12) : IQuery<Result>;

    public sealed record Result(IReadOnlyList<Currency> Currencies);

    public sealed record Currency(string Code, IReadOnlyList<Month> Months);

    /// <param name="Start">The month's first day.</param>
    /// <param name="Pledged">Paid by listeners into escrow, before card fees, in minor units.</param>
    /// <param name="PaidOut">Paid out of escrow to stations.</param>
    /// <param name="Held">What all stations' escrow held at the month's end (now, for this month).</param>
    public sealed record Month(DateOnly Start, long Pledged, long PaidOut, long Held);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Months).InclusiveBetween(1, MaxMonths);
            RuleFor(q => q.Today).GreaterThan(new DateOnly(2000, 1, 1)).LessThan(new DateOnly(9000, 1, 1));
        }
    }

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var first = new DateOnly(query.Today.Year, query.Today.Month, 1).AddMonths(1 - query.Months);
            var start = LedgerHistory.StartOf(first);
            var escrows = db.LedgerAccounts.Where(a => a.Code.StartsWith("escrow:"));

            // One range read per month on (time, entry, sequence), summed by the database: no month needs its postings here,
            // and no provider is asked to take a time apart (SQLite keeps times as ticks).
            var moves = new List<(DateOnly Month, Domain.Monetary.Currency Currency, long Pledged, long PaidOut, long Net)>();
            for (var month = first; month <= query.Today; month = month.AddMonths(1))
            {
                var (monthStart, monthEnd) = (LedgerHistory.StartOf(month), LedgerHistory.StartOf(month.AddMonths(1)));
                var sums = await (
                        from t in db.LedgerTransfers.AsNoTracking()
                        where t.PostedAt >= monthStart && t.PostedAt < monthEnd && (t.Kind == TransferKind.Posted || t.Kind == TransferKind.PostPending)
                        join e in db.JournalEntries on t.EntryId equals e.Id
                        let intoEscrow = escrows.Any(a => a.Id == t.CreditAccountId)
                        let outOfEscrow = escrows.Any(a => a.Id == t.DebitAccountId)
                        where intoEscrow || outOfEscrow
                        group new { t.Amount, e.CauseType, intoEscrow, outOfEscrow } by t.Currency into g
                        select new
                        {
                            Currency = g.Key,
                            Pledged = g.Sum(m => m.intoEscrow && m.CauseType == EntryCauseType.PledgePayment ? m.Amount : 0),
                            PaidOut = g.Sum(m => m.outOfEscrow && m.CauseType == EntryCauseType.Payout ? m.Amount : 0),
                            Net = g.Sum(m => m.intoEscrow ? m.Amount : 0) - g.Sum(m => m.outOfEscrow ? m.Amount : 0),
                        })
                    .ToListAsync(cancellationToken);
                moves.AddRange(sums.Select(s => (month, s.Currency, s.Pledged, s.PaidOut, s.Net)));
            }

            var held = await (
                    from b in db.LedgerBalances.AsNoTracking()
                    join a in escrows on b.AccountId equals a.Id
                    group b by a.Currency into g
                    select new { Currency = g.Key, Held = g.Sum(b => b.CreditsPosted - b.DebitsPosted) })
                .ToListAsync(cancellationToken);

            var currencies = held.Select(h => h.Currency).Concat(moves.Select(m => m.Currency)).Distinct().OrderBy(c => c.Code, StringComparer.Ordinal);
            var result = new List<Currency>();
            foreach (var currency in currencies)
            {
                var byMonth = moves.Where(m => m.Currency == currency).ToDictionary(m => m.Month);
                var balance = held.Where(h => h.Currency == currency).Sum(h => h.Held);
                var months = new List<Month>(query.Months);
                for (var month = first.AddMonths(query.Months - 1); month >= first; month = month.AddMonths(-1))
                {
                    var figures = byMonth.GetValueOrDefault(month);
                    months.Add(new Month(month, figures.Pledged, figures.PaidOut, balance));
                    balance -= figures.Net;
                }

                months.Reverse();
                result.Add(new Currency(currency.Code.ToLowerInvariant(), months));
            }

            return new Result(result);
        }
    }
}
