using System.Runtime.CompilerServices;
using EmanciPay.Application.Common;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Ledger;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Application.Features.Ledger;

/// <summary>
/// The nightly proof (DESIGN, Money and the ledger): every entry balances, every stored balance equals the sum of the
/// postings, every running balance is the one before it plus its posting and the last is the stored one, and no escrow
/// is overdrawn; and that the hash chain over the entries is intact (<see cref="SealChainCheck"/>), so that an entry or
/// posting row changed or deleted in the database is reported with its position. It reads one consistent snapshot,
/// entries a page at a time, and changes nothing; problems are logged and returned, for finance to work.
/// </summary>
public static partial class CheckLedgerIntegrity
{
    /// <param name="PageSize">How many entries are read at a time.</param>
    [AllowedFor(Sender.Finance, Sender.Admin, Sender.System)]
    public sealed record Query(int PageSize = 500) : IQuery<Result>;

    /// <param name="EntriesSealed">How many seals the hash chain has.</param>
    /// <param name="ChainHead">The last seal's hash: noted outside the database, it proves later that nothing sealed before it was rewritten.</param>
    public sealed record Result(int EntriesChecked, int AccountsChecked, IReadOnlyList<string> Problems, long EntriesSealed = 0, string? ChainHead = null)
    {
        public bool Balanced => Problems.Count == 0;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.PageSize).InclusiveBetween(1, 10_000);
    }

    public sealed partial class Handler(IAppDbContext db, IUnitOfWork unitOfWork, TimeProvider clock, ILogger<Handler> logger) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            // Entries and balances must come from one snapshot, or a payment committing mid-check would look like a fault.
            await using var snapshot = await unitOfWork.BeginSnapshotAsync(cancellationToken);
            var accounts = await db.LedgerAccounts.AsNoTracking().ToDictionaryAsync(a => a.Id, cancellationToken);
            var rows = (await db.LedgerBalances.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(r => r.AccountId);

            var problems = new List<string>();
            var summed = new Dictionary<Guid, AccountBalance>();
            var recoveries = new Dictionary<Guid, long>();
            var chains = new RunningBalanceChains(accounts, problems);
            var entriesChecked = 0;
            await foreach (var page in PagesAsync(query.PageSize, cancellationToken))
            {
                var reserved = await ReservedAmountsAsync(page, cancellationToken);
                foreach (var entry in page)
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

                    if (entry.CauseType == EntryCauseType.Recovery)
                    {
                        foreach (var transfer in entry.Transfers.Where(t => t.MovesPostedBalances))
                        {
                            recoveries[transfer.DebitAccountId] = recoveries.GetValueOrDefault(transfer.DebitAccountId) + transfer.Amount;
                        }
                    }

                    chains.Add(entry);
                }

                entriesChecked += page.Count;
            }

            chains.Finish();
            foreach (var account in accounts.Values)
            {
                var accountRows = rows[account.Id];
                var expected = summed.GetValueOrDefault(account.Id);
                var actual = accountRows.Aggregate(default(AccountBalance), (sum, row) => sum + row.Balance);
                if (expected != actual)
                {
                    problems.Add($"Account {account.Code} ({account.Currency}): stored {actual} but the postings sum to {expected}.");
                }
                else
                {
                    chains.CheckEnds(account, accountRows);
                }

                // Only a flagged recovery (a refund or dispute beyond what the escrow held) may take an escrow below zero, and by no more than it.
                if (account.DebitsMustNotExceedCredits && actual.AvailableCredit < -recoveries.GetValueOrDefault(account.Id))
                {
                    problems.Add($"Account {account.Code} ({account.Currency}) is overdrawn by {-actual.AvailableCredit}.");
                }
            }

            var seals = new SealChainCheck(db, problems);
            await seals.RunAsync(query.PageSize, clock.GetUtcNow(), cancellationToken);
            foreach (var problem in problems)
            {
                LogProblem(logger, problem);
            }

            return new Result(entriesChecked, accounts.Count, problems, seals.Sealed, seals.ChainHead);
        }

        // Keyset paging on (time, id): each page starts after the last one's final entry, however many there are.
        private async IAsyncEnumerable<List<JournalEntry>> PagesAsync(int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            JournalEntry? last = null;
            while (true)
            {
                var entries = db.JournalEntries.AsNoTracking().Include(e => e.Transfers.OrderBy(t => t.Sequence));
                var after = last is null ? entries : entries.Where(e => e.PostedAt > last.PostedAt || (e.PostedAt == last.PostedAt && e.Id > last.Id));
                var page = await after.OrderBy(e => e.PostedAt).ThenBy(e => e.Id).Take(pageSize).ToListAsync(cancellationToken);
                if (page.Count == 0)
                {
                    yield break;
                }

                yield return page;
                last = page[^1];
            }
        }

        // Posting part of a reservation releases all of it, so the full amounts of the reservations a page resolves are
        // read with the page (they may have been made pages earlier).
        private async Task<Dictionary<Guid, long>> ReservedAmountsAsync(List<JournalEntry> page, CancellationToken cancellationToken)
        {
            var ids = page.SelectMany(e => e.Transfers).Select(t => t.PendingTransferId).OfType<Guid>().ToList();
            return ids.Count == 0 ? [] : await db.LedgerTransfers.AsNoTracking()
                .Where(t => ids.Contains(t.Id))
                .ToDictionaryAsync(t => t.Id, t => t.Amount, cancellationToken);
        }

        [LoggerMessage(Level = LogLevel.Error, Message = "Ledger integrity: {Problem}")]
        private static partial void LogProblem(ILogger logger, string problem);
    }
}
