using EmanciPay.Domain.Monetary;

namespace EmanciPay.Domain.Ledger;

/// <summary>
/// The ledger's rules over an in-memory book: the executable model of the ledger, against which the property tests
/// run any sequence of operations. The database-backed <c>LedgerBook</c> applies the same entries and balance changes.
/// </summary>
public sealed class Ledger
{
    private readonly Dictionary<Guid, LedgerAccount> accounts = [];
    private readonly Dictionary<Guid, AccountBalance> balances = [];
    private readonly Dictionary<string, JournalEntry> entriesByKey = [];
    private readonly List<JournalEntry> entries = [];
    private readonly Dictionary<Guid, LedgerTransfer> reservations = [];
    private readonly HashSet<Guid> resolvedReservations = [];

    public IReadOnlyList<JournalEntry> Entries => entries;

    public IReadOnlyCollection<LedgerAccount> Accounts => accounts.Values;

    public LedgerAccount Open(LedgerAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        accounts.Add(account.Id, account);
        balances.Add(account.Id, default);
        return account;
    }

    public AccountBalance BalanceOf(Guid accountId) =>
        balances.TryGetValue(accountId, out var balance) ? balance : throw new LedgerException(LedgerErrorCode.UnknownAccount, $"Unknown account {accountId}.");

    /// <summary>Posts an entry, or returns the entry already posted under the same key. On any error nothing changes.</summary>
    public JournalEntry Post(string idempotencyKey, string description, DateTimeOffset postedAt, IReadOnlyList<TransferRequest> requests)
    {
        if (idempotencyKey is not null && entriesByKey.TryGetValue(idempotencyKey, out var existing))
        {
            return existing;
        }

        var entry = JournalEntry.Create(
            new EntryCause(EntryCauseType.Adjustment, idempotencyKey!),
            description,
            postedAt,
            requests,
            id => accounts.GetValueOrDefault(id),
            id => reservations.TryGetValue(id, out var pending) ? new ReservationState(pending, resolvedReservations.Contains(id)) : null);
        Apply(entry);
        return entry;
    }

    private void Apply(JournalEntry entry)
    {
        var changes = entry.BalanceChanges(id => reservations[id].Amount);
        var updated = new Dictionary<Guid, AccountBalance>();
        foreach (var change in changes)
        {
            var after = balances[change.AccountId].Apply(change);
            if (change.IncreasesDebits && accounts[change.AccountId].DebitsMustNotExceedCredits && after.AvailableCredit < 0)
            {
                throw new LedgerException(LedgerErrorCode.InsufficientFunds, $"Account {accounts[change.AccountId].Code} has not enough available for this entry.");
            }

            updated[change.AccountId] = after;
        }

        foreach (var (accountId, balance) in updated)
        {
            balances[accountId] = balance;
        }

        foreach (var transfer in entry.Transfers)
        {
            if (transfer.Kind == TransferKind.Pending)
            {
                reservations.Add(transfer.Id, transfer);
            }
            else if (transfer.PendingTransferId is { } resolved)
            {
                resolvedReservations.Add(resolved);
            }
        }

        entriesByKey.Add(entry.CauseId, entry);
        entries.Add(entry);
    }

    /// <summary>Per currency, posted debits less posted credits over all accounts: zero in balanced books.</summary>
    public IReadOnlyDictionary<Currency, long> TrialBalance() =>
        accounts.Values
            .GroupBy(a => a.Currency)
            .ToDictionary(g => g.Key, g => g.Sum(a => balances[a.Id].DebitsPosted - balances[a.Id].CreditsPosted));
}
