using EmanciPay.Application.Common;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Ledger;

/// <summary>An entry to post: its cause's idempotency key, what it is, and its transfers.</summary>
public sealed record EntryRequest(string IdempotencyKey, string Description, IReadOnlyList<TransferRequest> Transfers);

/// <summary>The entry posted for a cause, and whether an earlier call had already posted it.</summary>
public sealed record PostedEntry(JournalEntry Entry, bool AlreadyPosted);

/// <summary>
/// The ledger kept in the database. Entries are built and checked by the domain (<see cref="JournalEntry.Create"/>);
/// balances change by atomic increments in the caller's transaction, and the escrow invariant is checked by the same
/// conditional UPDATE that reserves the money, never by reading first.
/// </summary>
public sealed class LedgerBook(IAppDbContext db, TimeProvider clock)
{
    public Task<LedgerAccount> PlatformAccountAsync(PlatformAccount account, Currency currency, CancellationToken cancellationToken) =>
        GetOrOpenAsync(LedgerAccount.PlatformCode(account), currency, () => LedgerAccount.OpenPlatform(account, currency, clock.GetUtcNow()), cancellationToken);

    public Task<LedgerAccount> EscrowAccountAsync(Guid recipientId, Currency currency, CancellationToken cancellationToken) =>
        GetOrOpenAsync(LedgerAccount.EscrowCode(recipientId), currency, () => LedgerAccount.OpenEscrow(recipientId, currency, clock.GetUtcNow()), cancellationToken);

    /// <summary>The escrow accounts of several recipients in one currency, by recipient, opening those that are missing.</summary>
    public async Task<Dictionary<Guid, LedgerAccount>> EscrowAccountsAsync(IReadOnlyCollection<Guid> recipientIds, Currency currency, CancellationToken cancellationToken)
    {
        var codes = recipientIds.Distinct().ToDictionary(LedgerAccount.EscrowCode);
        var accounts = await GetOrOpenManyAsync(codes.Keys, currency, code => LedgerAccount.OpenEscrow(codes[code], currency, clock.GetUtcNow()), cancellationToken);
        return accounts.ToDictionary(a => codes[a.Key], a => a.Value);
    }

    /// <summary>Posts the entry for a cause once: a second call with the same key returns the first entry and changes nothing.</summary>
    public async Task<PostedEntry> PostAsync(string idempotencyKey, string description, IReadOnlyList<TransferRequest> transfers, CancellationToken cancellationToken) =>
        (await PostManyAsync([new EntryRequest(idempotencyKey, description, transfers)], cancellationToken))[0];

    /// <summary>
    /// Posts several entries in the caller's transaction, each once (by its key), with a handful of statements however
    /// many there are: one look-up of keys, accounts and reservations, and one balance update per account touched.
    /// Entries posted together commit together, so each account's invariant is checked on their sum: no committed
    /// state ever overdraws an escrow.
    /// </summary>
    public async Task<IReadOnlyList<PostedEntry>> PostManyAsync(IReadOnlyList<EntryRequest> requests, CancellationToken cancellationToken)
    {
        var keys = requests.Select(r => r.IdempotencyKey).Distinct(StringComparer.Ordinal).ToList();
        var posted = await db.JournalEntries.AsNoTracking().Include(e => e.Transfers)
            .Where(e => keys.Contains(e.IdempotencyKey))
            .ToDictionaryAsync(e => e.IdempotencyKey, StringComparer.Ordinal, cancellationToken);
        var fresh = requests.Where(r => !posted.ContainsKey(r.IdempotencyKey)).ToList();

        var accountIds = fresh.SelectMany(r => r.Transfers).SelectMany(AccountIds).ToHashSet();
        var reservationIds = fresh.SelectMany(r => r.Transfers).Select(ReservationId).OfType<Guid>().ToHashSet();
        Dictionary<Guid, LedgerTransfer> reservations = [];
        HashSet<Guid> resolved = [];
        if (reservationIds.Count > 0)
        {
            reservations = await db.LedgerTransfers.AsNoTracking()
                .Where(t => reservationIds.Contains(t.Id) && t.Kind == TransferKind.Pending)
                .ToDictionaryAsync(t => t.Id, cancellationToken);
            resolved = (await db.LedgerTransfers.AsNoTracking()
                .Where(t => t.PendingTransferId != null && reservationIds.Contains(t.PendingTransferId.Value))
                .Select(t => t.PendingTransferId!.Value)
                .ToListAsync(cancellationToken)).ToHashSet();
        }

        accountIds.UnionWith(reservations.Values.SelectMany(t => new[] { t.DebitAccountId, t.CreditAccountId }));
        var accounts = accountIds.Count == 0 ? [] : await db.LedgerAccounts.AsNoTracking()
            .Where(a => accountIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, cancellationToken);

        var now = clock.GetUtcNow();
        var results = new List<PostedEntry>(requests.Count);
        var changes = new Dictionary<(Guid Account, int Slot), AccountBalance>();
        foreach (var request in requests)
        {
            if (posted.TryGetValue(request.IdempotencyKey, out var existing))
            {
                results.Add(new PostedEntry(existing, AlreadyPosted: true));
                continue;
            }

            var entry = JournalEntry.Create(
                request.IdempotencyKey,
                request.Description,
                now,
                request.Transfers,
                id => accounts.GetValueOrDefault(id),
                id => reservations.TryGetValue(id, out var pending) ? new ReservationState(pending, resolved.Contains(id)) : null);
            foreach (var transfer in entry.Transfers)
            {
                if (transfer.Kind == TransferKind.Pending)
                {
                    reservations[transfer.Id] = transfer;
                }
                else if (transfer.PendingTransferId is { } reservation)
                {
                    resolved.Add(reservation);
                }
            }

            // A hot account's counter row is picked by the first key, so one batch touches one row per account.
            foreach (var change in entry.BalanceChanges(id => reservations[id].Amount))
            {
                var key = (change.AccountId, SlotFor(accounts[change.AccountId], fresh[0].IdempotencyKey));
                changes[key] = changes.GetValueOrDefault(key).Apply(change);
            }

            db.JournalEntries.Add(entry);
            posted[request.IdempotencyKey] = entry;
            results.Add(new PostedEntry(entry, AlreadyPosted: false));
        }

        // Rows are updated in account order, so concurrent postings lock them in one order and cannot deadlock.
        foreach (var ((accountId, slot), change) in changes.OrderBy(c => c.Key.Account).ThenBy(c => c.Key.Slot))
        {
            await ApplyAsync(accounts[accountId], change, slot, cancellationToken);
        }

        return results;
    }

    public async Task<AccountBalance> BalanceAsync(Guid accountId, CancellationToken cancellationToken) =>
        (await BalancesAsync(db.LedgerBalances.Where(b => b.AccountId == accountId), cancellationToken)).GetValueOrDefault(accountId);

    /// <summary>Every account's balance: the sum of its counter rows.</summary>
    public Task<Dictionary<Guid, AccountBalance>> AllBalancesAsync(CancellationToken cancellationToken) =>
        BalancesAsync(db.LedgerBalances, cancellationToken);

    private static async Task<Dictionary<Guid, AccountBalance>> BalancesAsync(IQueryable<AccountBalanceSlot> slots, CancellationToken cancellationToken) =>
        (await slots.AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(s => s.AccountId)
            .ToDictionary(g => g.Key, g => g.Aggregate(default(AccountBalance), (sum, slot) => sum + slot.Balance));

    private async Task ApplyAsync(LedgerAccount account, AccountBalance change, int slot, CancellationToken cancellationToken)
    {
        var guarded = account.DebitsMustNotExceedCredits && change.DebitsPosted + change.DebitsPending > 0;
        var rows = db.LedgerBalances.Where(b => b.AccountId == account.Id && b.Slot == slot);
        if (guarded)
        {
            rows = rows.Where(b =>
                b.CreditsPosted + change.CreditsPosted - (b.DebitsPosted + change.DebitsPosted) - (b.DebitsPending + change.DebitsPending) >= 0);
        }

        var updated = await rows.ExecuteUpdateAsync(
            s => s
                .SetProperty(b => b.DebitsPosted, b => b.DebitsPosted + change.DebitsPosted)
                .SetProperty(b => b.CreditsPosted, b => b.CreditsPosted + change.CreditsPosted)
                .SetProperty(b => b.DebitsPending, b => b.DebitsPending + change.DebitsPending)
                .SetProperty(b => b.CreditsPending, b => b.CreditsPending + change.CreditsPending),
            cancellationToken);
        if (updated == 0)
        {
            throw guarded
                ? new LedgerException(LedgerErrorCode.InsufficientFunds, $"Account {account.Code} ({account.Currency}) has not enough available for this entry.")
                : new InvalidOperationException($"Account {account.Id} has no balance row {slot}.");
        }
    }

    // A hot account's entries spread over its counter rows. Any row is correct (the balance is their sum); the
    // key's hash just spreads concurrent entries evenly.
    private static int SlotFor(LedgerAccount account, string idempotencyKey) =>
        account.BalanceSlots == 1 ? 0 : (int)((uint)StringComparer.Ordinal.GetHashCode(idempotencyKey) % (uint)account.BalanceSlots);

    private async Task<LedgerAccount> GetOrOpenAsync(string code, Currency currency, Func<LedgerAccount> open, CancellationToken cancellationToken) =>
        (await GetOrOpenManyAsync([code], currency, _ => open(), cancellationToken))[code];

    private async Task<Dictionary<string, LedgerAccount>> GetOrOpenManyAsync(IReadOnlyCollection<string> codes, Currency currency, Func<string, LedgerAccount> open, CancellationToken cancellationToken)
    {
        var accounts = await db.LedgerAccounts
            .Where(a => codes.Contains(a.Code) && a.Currency == currency)
            .ToDictionaryAsync(a => a.Code, StringComparer.Ordinal, cancellationToken);
        var missing = codes.Where(code => !accounts.ContainsKey(code)).ToList();
        if (missing.Count == 0)
        {
            return accounts;
        }

        // Saved at once (inside the command's transaction) so that the balance rows exist for the increments;
        // a concurrent opener hits the unique index and its command runs again.
        foreach (var code in missing)
        {
            var account = open(code);
            db.LedgerAccounts.Add(account);
            db.LedgerBalances.AddRange(Enumerable.Range(0, account.BalanceSlots).Select(slot => new AccountBalanceSlot(account.Id, slot)));
            accounts[code] = account;
        }

        await db.SaveChangesAsync(cancellationToken);
        return accounts;
    }

    private static IEnumerable<Guid> AccountIds(TransferRequest request) => request switch
    {
        TransferRequest.Post p => [p.DebitAccountId, p.CreditAccountId],
        TransferRequest.Reserve r => [r.DebitAccountId, r.CreditAccountId],
        _ => [],
    };

    private static Guid? ReservationId(TransferRequest request) => request switch
    {
        TransferRequest.PostReserved p => p.PendingTransferId,
        TransferRequest.VoidReserved v => v.PendingTransferId,
        TransferRequest.Reserve r => r.TransferId,
        _ => null,
    };
}
