using System.Data;
using EmanciPay.Application.Common;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Ledger;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Application.Features.Ledger;

/// <summary>
/// The nightly proof (DESIGN, Money and the ledger): every entry balances, every stored balance equals the sum of the
/// postings, and no escrow is overdrawn. It reads one consistent snapshot and changes nothing; problems are logged
/// and returned, for finance to work.
/// </summary>
public static partial class CheckLedgerIntegrity
{
    [AllowedFor(Sender.Finance, Sender.Admin, Sender.System)]
    public sealed record Query : IQuery<Result>;

    public sealed record Result(int EntriesChecked, int AccountsChecked, IReadOnlyList<string> Problems)
    {
        public bool Balanced => Problems.Count == 0;
    }

    public sealed partial class Handler(IAppDbContext db, LedgerBook ledger, ILogger<Handler> logger) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            // Entries and balances must come from one snapshot, or a payment committing mid-check would look like a fault.
            await using var snapshot = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            var accounts = await db.LedgerAccounts.AsNoTracking().ToDictionaryAsync(a => a.Id, cancellationToken);
            var stored = await ledger.AllBalancesAsync(cancellationToken);
            var entries = await db.JournalEntries.AsNoTracking().Include(e => e.Transfers.OrderBy(t => t.Sequence)).ToListAsync(cancellationToken);
            var reserved = entries.SelectMany(e => e.Transfers).Where(t => t.Kind == TransferKind.Pending).ToDictionary(t => t.Id, t => t.Amount);

            var problems = new List<string>();
            var summed = new Dictionary<Guid, AccountBalance>();
            foreach (var entry in entries)
            {
                if (entry.Transfers.Any(t => !accounts.TryGetValue(t.DebitAccountId, out var d) || !accounts.TryGetValue(t.CreditAccountId, out var c) || d.Currency != t.Currency || c.Currency != t.Currency || t.Amount <= 0))
                {
                    problems.Add($"Entry {entry.Id} ({entry.IdempotencyKey}) has a transfer with an unknown account, a mixed currency or a non-positive amount.");
                }

                var changes = entry.BalanceChanges(id => reserved.GetValueOrDefault(id));
                if (changes.Sum(c => c.DebitsPosted - c.CreditsPosted) != 0 || changes.Sum(c => c.DebitsPending - c.CreditsPending) != 0)
                {
                    problems.Add($"Entry {entry.Id} ({entry.IdempotencyKey}) does not balance.");
                }

                foreach (var change in changes)
                {
                    summed[change.AccountId] = summed.GetValueOrDefault(change.AccountId).Apply(change);
                }
            }

            foreach (var account in accounts.Values)
            {
                var expected = summed.GetValueOrDefault(account.Id);
                var actual = stored.GetValueOrDefault(account.Id);
                if (expected != actual)
                {
                    problems.Add($"Account {account.Code} ({account.Currency}): stored {actual} but the postings sum to {expected}.");
                }

                if (account.DebitsMustNotExceedCredits && actual.AvailableCredit < 0)
                {
                    problems.Add($"Account {account.Code} ({account.Currency}) is overdrawn by {-actual.AvailableCredit}.");
                }
            }

            foreach (var problem in problems)
            {
                LogProblem(logger, problem);
            }

            return new Result(entries.Count, accounts.Count, problems);
        }

        [LoggerMessage(Level = LogLevel.Error, Message = "Ledger integrity: {Problem}")]
        private static partial void LogProblem(ILogger logger, string problem);
    }
}
