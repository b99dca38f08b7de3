using EmanciPay.Application.Common;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Ledger;

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

    /// <summary>Posts the entry for a cause once: a second call with the same key returns the first entry and changes nothing.</summary>
    public async Task<PostedEntry> PostAsync(string idempotencyKey, string description, IReadOnlyList<TransferRequest> transfers, CancellationToken cancellationToken)
    {
        var existing = await FindEntryAsync(idempotencyKey, cancellationToken);
        if (existing is not null)
        {
            return new PostedEntry(existing, AlreadyPosted: true);
        }

        var accountIds = transfers.SelectMany(AccountIds).ToHashSet();
        var reservationIds = transfers.Select(ReservationId).OfType<Guid>().ToHashSet();
        Dictionary<Guid, LedgerTransfer> reservations = [];
        List<Guid> resolved = [];
        if (reservationIds.Count > 0)
        {
            reservations = await db.LedgerTransfers.AsNoTracking()
                .Where(t => reservationIds.Contains(t.Id) && t.Kind == TransferKind.Pending)
                .ToDictionaryAsync(t => t.Id, cancellationToken);
            resolved = await db.LedgerTransfers.AsNoTracking()
                .Where(t => t.PendingTransferId != null && reservationIds.Contains(t.PendingTransferId.Value))
                .Select(t => t.PendingTransferId!.Value)
                .ToListAsync(cancellationToken);
        }
        accountIds.UnionWith(reservations.Values.SelectMany(t => new[] { t.DebitAccountId, t.CreditAccountId }));
        var accounts = await db.LedgerAccounts.AsNoTracking()
            .Where(a => accountIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, cancellationToken);

        var entry = JournalEntry.Create(
            idempotencyKey,
            description,
            clock.GetUtcNow(),
            transfers,
            id => accounts.GetValueOrDefault(id),
            id => reservations.TryGetValue(id, out var pending) ? new ReservationState(pending, resolved.Contains(id)) : null);

        // Changes come ordered by account id, so concurrent entries lock balance rows in one order and cannot deadlock.
        foreach (var change in entry.BalanceChanges(id => reservations[id].Amount))
        {
            await ApplyAsync(accounts[change.AccountId], change, SlotFor(accounts[change.AccountId], idempotencyKey), cancellationToken);
        }

        db.JournalEntries.Add(entry);
        return new PostedEntry(entry, AlreadyPosted: false);
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

    private Task<JournalEntry?> FindEntryAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        db.JournalEntries.AsNoTracking().Include(e => e.Transfers).SingleOrDefaultAsync(e => e.IdempotencyKey == idempotencyKey, cancellationToken);

    private async Task ApplyAsync(LedgerAccount account, BalanceChange change, int slot, CancellationToken cancellationToken)
    {
        var guarded = account.DebitsMustNotExceedCredits && change.IncreasesDebits;
        var rows = db.LedgerBalances.Where(b => b.AccountId == change.AccountId && b.Slot == slot);
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

    private async Task<LedgerAccount> GetOrOpenAsync(string code, Currency currency, Func<LedgerAccount> open, CancellationToken cancellationToken)
    {
        var account = await db.LedgerAccounts.SingleOrDefaultAsync(a => a.Code == code && a.Currency == currency, cancellationToken);
        if (account is not null)
        {
            return account;
        }

        // Saved at once (inside the command's transaction) so that the balance rows exist for the increments;
        // a concurrent opener hits the unique index and its command runs again.
        account = open();
        db.LedgerAccounts.Add(account);
        db.LedgerBalances.AddRange(Enumerable.Range(0, account.BalanceSlots).Select(slot => new AccountBalanceSlot(account.Id, slot)));
        await db.SaveChangesAsync(cancellationToken);
        return account;
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
