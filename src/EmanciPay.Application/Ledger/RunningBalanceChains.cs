using EmanciPay.Domain.Ledger;

namespace EmanciPay.Application.Ledger;

/// <summary>
/// Follows the running balances of every counter row through entries read in time order, and reports each posting
/// whose balance after is not the balance before it plus the posting, each number used twice or missing, and each row
/// whose chain does not end at its stored balance. Entries racing for a row can be numbered in the other order than
/// their times, so a posting read ahead of its number waits, in a buffer as small as such races are, for the ones
/// before it.
/// </summary>
internal sealed class RunningBalanceChains(IReadOnlyDictionary<Guid, LedgerAccount> accounts, List<string> problems)
{
    private readonly Dictionary<(Guid Account, int Slot), Chain> chains = [];

    public void Add(JournalEntry entry)
    {
        foreach (var transfer in entry.Transfers)
        {
            var (debit, credit) = (transfer.DebitRunningBalance, transfer.CreditRunningBalance);
            if (transfer.MovesPostedBalances != (debit is not null) || transfer.MovesPostedBalances != (credit is not null))
            {
                problems.Add($"Entry {entry.Id} ({entry.IdempotencyKey}), transfer {transfer.Sequence}: a {transfer.Kind} transfer with {(debit is null ? "no" : "a")} debit and {(credit is null ? "no" : "a")} credit running balance.");
                continue;
            }

            if (debit is { } debitLeg && credit is { } creditLeg)
            {
                Follow(entry, transfer.DebitAccountId, debitLeg, debits: transfer.Amount, credits: 0);
                Follow(entry, transfer.CreditAccountId, creditLeg, debits: 0, credits: transfer.Amount);
            }
        }
    }

    /// <summary>Called once every entry has been added: postings still waiting follow a gap in their row's numbers.</summary>
    public void Finish()
    {
        foreach (var ((accountId, slot), chain) in chains)
        {
            while (chain.Waiting.Count > 0)
            {
                var (next, posting) = chain.Waiting.First();
                problems.Add($"{Row(accounts[accountId], slot)}: postings {chain.Count + 1} to {next - 1} are missing.");
                chain.Waiting.Remove(next);
                chain.Count = next - 1;
                Apply(accounts[accountId], slot, chain, posting);
                Drain(accounts[accountId], slot, chain);
            }
        }
    }

    /// <summary>Each counter row's chain must end where the row stands: its number of postings and its posted balance.</summary>
    public void CheckEnds(LedgerAccount account, IEnumerable<AccountBalanceSlot> rows)
    {
        var stored = rows.ToDictionary(row => row.Slot);
        foreach (var slot in stored.Keys.Union(chains.Keys.Where(k => k.Account == account.Id).Select(k => k.Slot)).Order())
        {
            var chain = chains.GetValueOrDefault((account.Id, slot)) ?? new Chain();
            var (count, balance) = stored.TryGetValue(slot, out var row) ? (row.PostingCount, account.PostedBalance(row.DebitsPosted, row.CreditsPosted)) : (0, 0);
            if (row is null || chain.Count != count || chain.Balance != balance)
            {
                problems.Add($"{Row(account, slot)}: {(row is null ? "no such row" : $"stored {count} postings and a balance of {balance}")}, but its running balances end at posting {chain.Count} with {chain.Balance}.");
            }
        }
    }

    private static string Row(LedgerAccount account, int slot) => $"Account {account.Code} ({account.Currency}) row {slot}";

    private void Follow(JournalEntry entry, Guid accountId, RunningBalance leg, long debits, long credits)
    {
        if (!accounts.TryGetValue(accountId, out var account))
        {
            return; // reported with its entry
        }

        if (!chains.TryGetValue((accountId, leg.Slot), out var chain))
        {
            chains[(accountId, leg.Slot)] = chain = new Chain();
        }

        if (leg.Sequence <= chain.Count || !chain.Waiting.TryAdd(leg.Sequence, new Posting(entry, leg, account.PostedBalance(debits, credits))))
        {
            problems.Add($"{Row(account, leg.Slot)}: posting {leg.Sequence} is numbered twice (entry {entry.Id}, {entry.IdempotencyKey}).");
            return;
        }

        Drain(account, leg.Slot, chain);
    }

    private void Drain(LedgerAccount account, int slot, Chain chain)
    {
        while (chain.Waiting.Remove(chain.Count + 1, out var posting))
        {
            Apply(account, slot, chain, posting);
        }
    }

    // The chain goes on from the true balance, so one wrong figure is reported once, not again by every posting after it.
    private void Apply(LedgerAccount account, int slot, Chain chain, Posting posting)
    {
        var before = chain.Balance;
        chain.Count = posting.Leg.Sequence;
        chain.Balance = checked(before + posting.Change);
        if (posting.Leg.BalanceAfter != chain.Balance)
        {
            problems.Add($"{Row(account, slot)}: entry {posting.Entry.Id} ({posting.Entry.IdempotencyKey}) says {posting.Leg.BalanceAfter} after posting {posting.Leg.Sequence}, but {before} and {posting.Change} make {chain.Balance}.");
        }
    }

    private sealed record Posting(JournalEntry Entry, RunningBalance Leg, long Change);

    private sealed class Chain
    {
        public long Count { get; set; }

        public long Balance { get; set; }

        public SortedDictionary<long, Posting> Waiting { get; } = [];
    }
}
