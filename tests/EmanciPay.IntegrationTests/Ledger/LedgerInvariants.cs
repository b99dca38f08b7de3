using EmanciPay.Application.Common;
using EmanciPay.Domain.Ledger;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Ledger;

/// <summary>The books as stored: accounts, entries with their transfers, and each account's balance rows summed.</summary>
public sealed record LedgerSnapshot(IReadOnlyDictionary<Guid, LedgerAccount> Accounts, IReadOnlyList<JournalEntry> Entries, IReadOnlyDictionary<Guid, Balance> Balances)
{
    public IEnumerable<LedgerTransfer> Transfers => Entries.SelectMany(e => e.Transfers);

    public static Task<LedgerSnapshot> ReadAsync(AppFixture app) => app.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<IAppDbContext>();
        var accounts = await db.LedgerAccounts.AsNoTracking().ToDictionaryAsync(a => a.Id);
        var entries = await db.JournalEntries.AsNoTracking().Include(e => e.Transfers).OrderBy(e => e.PostedAt).ThenBy(e => e.Id).ToListAsync();
        var balances = (await db.LedgerBalances.AsNoTracking().ToListAsync())
            .GroupBy(s => s.AccountId)
            .ToDictionary(g => g.Key, g => new Balance(g.Sum(s => s.DebitsPosted), g.Sum(s => s.CreditsPosted), g.Sum(s => s.DebitsPending), g.Sum(s => s.CreditsPending)));
        return new LedgerSnapshot(accounts, entries, balances);
    });
}

/// <summary>A rule the stored books must keep after every commit; it names each breach it finds.</summary>
public sealed record LedgerInvariant(string Name, Func<LedgerSnapshot, LedgerModel, IEnumerable<string>> Breaches);

/// <summary>The rules of the books, one entry each, so that another is one more line.</summary>
public static class LedgerInvariants
{
    public static IReadOnlyList<LedgerInvariant> All { get; } =
    [
        new("every entry balances in each currency", (books, _) => books.Entries.SelectMany(e => Unbalanced(books, e))),
        new("reservations are resolved within their amount, once", (books, _) => BadResolutions(books)),
        new("stored balances equal the sum of postings", (books, _) => Compare(SumOfPostings(books), books.Balances, "postings", "stored")),
        new("the trial balance is zero in each currency", (books, _) => books.Balances
            .GroupBy(b => books.Accounts[b.Key].Currency)
            .Where(g => g.Sum(b => b.Value.DebitsPosted - b.Value.CreditsPosted) != 0 || g.Sum(b => b.Value.DebitsPending - b.Value.CreditsPending) != 0)
            .Select(g => $"{g.Key} is off by {g.Sum(b => b.Value.DebitsPosted - b.Value.CreditsPosted)} posted, {g.Sum(b => b.Value.DebitsPending - b.Value.CreditsPending)} pending")),
        new("no escrow is below zero", (books, _) => books.Accounts.Values
            .Where(a => a.DebitsMustNotExceedCredits && BalanceOf(books.Balances, a.Id).Available < 0)
            .Select(a => $"{a.Code} has {BalanceOf(books.Balances, a.Id).Available} available")),
        new("each posting's running balance follows the one before it on its counter row", (books, _) => RunningBalanceBreaks(books)),
        new("the books are what the model expects", (books, model) => Compare(model.Balances, books.Balances, "model", "stored")
            .Concat(books.Entries.Count == model.Keys.Count ? [] : [$"{books.Entries.Count} entries stored, {model.Keys.Count} expected"])),
    ];

    public static void Hold(LedgerSnapshot books, LedgerModel model)
    {
        var breaches = All.SelectMany(i => i.Breaches(books, model).Select(b => $"{i.Name}: {b}")).ToList();
        Assert.True(breaches.Count == 0, string.Join(Environment.NewLine, breaches));
    }

    /// <summary>
    /// Recomputed here from the amounts, not by the book's code: legs of each counter row, in their numbered order,
    /// must be numbered 1, 2, 3... and each balance-after must be the row's sum so far on the account's normal side.
    /// </summary>
    private static IEnumerable<string> RunningBalanceBreaks(LedgerSnapshot books)
    {
        var legs = books.Transfers
            .SelectMany(t => new[]
            {
                (Account: t.DebitAccountId, Slot: t.DebitSlot, Number: t.DebitSlotSequence, After: t.DebitBalanceAfter, Debit: t.Amount, Credit: 0L),
                (Account: t.CreditAccountId, Slot: t.CreditSlot, Number: t.CreditSlotSequence, After: t.CreditBalanceAfter, Debit: 0L, Credit: t.Amount),
            })
            .Where(l => l.Slot is not null);
        foreach (var row in legs.GroupBy(l => (l.Account, l.Slot)))
        {
            var debitNormal = books.Accounts[row.Key.Account].Type is AccountType.Asset or AccountType.Expense;
            long expected = 0, number = 0;
            foreach (var leg in row.OrderBy(l => l.Number))
            {
                expected += debitNormal ? leg.Debit - leg.Credit : leg.Credit - leg.Debit;
                if (leg.Number != ++number || leg.After != expected)
                {
                    yield return $"{books.Accounts[row.Key.Account].Code} row {row.Key.Slot} posting {leg.Number}: balance after {leg.After}, expected number {number} and {expected}";
                    break;
                }
            }
        }
    }

    private static IEnumerable<string> Unbalanced(LedgerSnapshot books, JournalEntry entry)
    {
        foreach (var t in entry.Transfers.Where(t => t.Amount <= 0 || t.DebitAccountId == t.CreditAccountId
                     || books.Accounts[t.DebitAccountId].Currency != t.Currency || books.Accounts[t.CreditAccountId].Currency != t.Currency))
        {
            yield return $"entry {entry.IdempotencyKey}, transfer {t.Sequence}: {t.Amount} {t.Currency} from {books.Accounts[t.DebitAccountId].Code} to {books.Accounts[t.CreditAccountId].Code}";
        }

        var debits = entry.Transfers.GroupBy(t => books.Accounts[t.DebitAccountId].Currency).ToDictionary(g => g.Key, g => g.Sum(t => t.Amount));
        var credits = entry.Transfers.GroupBy(t => books.Accounts[t.CreditAccountId].Currency).ToDictionary(g => g.Key, g => g.Sum(t => t.Amount));
        foreach (var currency in debits.Keys.Union(credits.Keys).Where(c => debits.GetValueOrDefault(c) != credits.GetValueOrDefault(c)))
        {
            yield return $"entry {entry.IdempotencyKey} debits {debits.GetValueOrDefault(currency)} and credits {credits.GetValueOrDefault(currency)} {currency}";
        }
    }

    private static IEnumerable<string> BadResolutions(LedgerSnapshot books)
    {
        var pending = books.Transfers.Where(t => t.Kind == TransferKind.Pending).ToDictionary(t => t.Id);
        foreach (var resolution in books.Transfers.Where(t => t.PendingTransferId is not null).GroupBy(t => t.PendingTransferId!.Value))
        {
            if (resolution.Count() > 1 || !pending.TryGetValue(resolution.Key, out var reserved))
            {
                yield return $"reservation {resolution.Key} is resolved {resolution.Count()} times or was never made";
                continue;
            }

            var t = resolution.Single();
            var fits = t.Kind == TransferKind.VoidPending ? t.Amount == reserved.Amount : t.Kind == TransferKind.PostPending && t.Amount <= reserved.Amount;
            if (!fits || (t.DebitAccountId, t.CreditAccountId, t.Currency) != (reserved.DebitAccountId, reserved.CreditAccountId, reserved.Currency))
            {
                yield return $"reservation {resolution.Key} of {reserved.Amount} is resolved by {t.Kind} of {t.Amount}";
            }
        }
    }

    // Posted sums count posted transfers and posted reservations; pending sums count the reservations still open.
    private static Dictionary<Guid, Balance> SumOfPostings(LedgerSnapshot books)
    {
        var resolved = books.Transfers.Select(t => t.PendingTransferId).OfType<Guid>().ToHashSet();
        var sums = books.Accounts.Keys.ToDictionary(id => id, _ => Balance.Zero);
        foreach (var t in books.Transfers)
        {
            var (debit, credit) = (sums[t.DebitAccountId], sums[t.CreditAccountId]);
            if (t.Kind is TransferKind.Posted or TransferKind.PostPending)
            {
                sums[t.DebitAccountId] = debit with { DebitsPosted = debit.DebitsPosted + t.Amount };
                sums[t.CreditAccountId] = credit with { CreditsPosted = credit.CreditsPosted + t.Amount };
            }
            else if (t.Kind == TransferKind.Pending && !resolved.Contains(t.Id))
            {
                sums[t.DebitAccountId] = debit with { DebitsPending = debit.DebitsPending + t.Amount };
                sums[t.CreditAccountId] = credit with { CreditsPending = credit.CreditsPending + t.Amount };
            }
        }

        return sums;
    }

    private static IEnumerable<string> Compare(IReadOnlyDictionary<Guid, Balance> expected, IReadOnlyDictionary<Guid, Balance> actual, string expectedName, string actualName) =>
        expected.Keys.Union(actual.Keys)
            .Where(id => BalanceOf(expected, id) != BalanceOf(actual, id))
            .Select(id => $"account {id}: {expectedName} {BalanceOf(expected, id)}, {actualName} {BalanceOf(actual, id)}");

    private static Balance BalanceOf(IReadOnlyDictionary<Guid, Balance> balances, Guid id) => balances.GetValueOrDefault(id, Balance.Zero);
}
