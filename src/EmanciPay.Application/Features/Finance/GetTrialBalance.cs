using EmanciPay.Application.Common;
using EmanciPay.Domain.Ledger;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Finance;

/// <summary>
/// Every ledger account's posted balance at the end of a UTC day, per currency, each in the debit or the credit column
/// as double entry has it; each currency's columns add up to the same total, or the books are wrong. Balances are read
/// from the postings' running balances (<see cref="LedgerHistory"/>), so any past day costs what today does.
/// </summary>
public static class GetTrialBalance
{
    [AllowedFor(Sender.Finance, Sender.Admin)]
    public sealed record Query(DateOnly At) : IQuery<Result>;

    /// <param name="At">The day whose end the balances are at (UTC).</param>
    public sealed record Result(DateOnly At, IReadOnlyList<Currency> Currencies);

    /// <param name="Balanced">Whether the debit and credit totals are equal, as they always should be.</param>
    public sealed record Currency(string Code, IReadOnlyList<Line> Lines, long TotalDebit, long TotalCredit, bool Balanced);

    /// <param name="Account">The account's code: stripe:balance, fees:processing, fees:platform, suspense, or escrow:&lt;station&gt;.</param>
    /// <param name="Type">asset, liability, expense or revenue.</param>
    /// <param name="StationSlug">For a station's escrow, the station; null for the platform's own accounts.</param>
    /// <param name="Debit">A debit balance, in minor units; 0 when the balance is on the credit side.</param>
    /// <param name="Credit">A credit balance, in minor units; 0 when the balance is on the debit side.</param>
    public sealed record Line(string Account, string Type, string? StationSlug, string? StationName, long Debit, long Credit);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.At).GreaterThanOrEqualTo(new DateOnly(2000, 1, 1)).LessThan(DateOnly.MaxValue);
    }

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var accounts = await db.LedgerAccounts.AsNoTracking().ToListAsync(cancellationToken);
            var balances = await LedgerHistory.BalancesBeforeAsync(db, null, LedgerHistory.EndOf(query.At), cancellationToken);
            var stations = await LedgerHistory.StationsByEscrowCodeAsync(db, accounts.Select(a => a.Code), cancellationToken);

            var currencies = accounts
                .GroupBy(a => a.Currency.Code.ToLowerInvariant())
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g =>
                {
                    var lines = g
                        .OrderBy(a => LedgerAccount.TryParsePlatformCode(a.Code, out var platform) ? (int)platform : int.MaxValue)
                        .ThenBy(a => stations.TryGetValue(a.Code, out var s) ? s.Name : a.Code, StringComparer.OrdinalIgnoreCase)
                        .Select(a => LineOf(a, balances.GetValueOrDefault(a.Id), stations.TryGetValue(a.Code, out var s) ? s : null))
                        .ToList();
                    var debit = lines.Sum(l => l.Debit);
                    var credit = lines.Sum(l => l.Credit);
                    return new Currency(g.Key, lines, debit, credit, debit == credit);
                })
                .ToList();
            return new Result(query.At, currencies);
        }

        private static Line LineOf(LedgerAccount account, long balance, (string Slug, string Name)? station)
        {
            var debitNormal = account.Type is AccountType.Asset or AccountType.Expense;
            var debit = debitNormal ? balance : -balance;
            return new Line(account.Code, account.Type.ToString().ToLowerInvariant(), station?.Slug, station?.Name, Math.Max(debit, 0), Math.Max(-debit, 0));
        }
    }
}
