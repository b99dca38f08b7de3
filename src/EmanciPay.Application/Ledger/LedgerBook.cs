using EmanciPay.Application.Common;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Ledger;

/// <summary>An entry to post: its cause (which makes its idempotency key), what it is, its transfers, and who entered it if by hand.</summary>
public sealed record EntryRequest(EntryCause Cause, string Description, IReadOnlyList<TransferRequest> Transfers, string? ManualAuthor = null);

/// <summary>The entry posted for a cause, and whether an earlier call had already posted it.</summary>
public sealed record PostedEntry(JournalEntry Entry, bool AlreadyPosted);

/// <summary>
/// The ledger kept in the database. Entries are built and checked by the domain (<see cref="JournalEntry.Create"/>);
/// balances change by atomic increments in the caller's transaction, and the escrow invariant is checked by the same
/// conditional UPDATE that reserves the money, never by reading first. Each posting records the balance it left on the
/// counter row it was booked on, read back from the row the UPDATE has just locked (see <see cref="LedgerTransfer"/>).
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
    public async Task<PostedEntry> PostAsync(EntryCause cause, string description, IReadOnlyList<TransferRequest> transfers, CancellationToken cancellationToken) =>
        (await PostManyAsync([new EntryRequest(cause, description, transfers)], cancellationToken))[0];

    /// <summary>
    /// Posts several entries in the caller's transaction, each once (by its key), with a handful of statements however
    /// many there are: one look-up of keys, accounts and reservations, and one balance update per account touched.
    /// Entries posted together commit together, so each account's invariant is checked on their sum: no committed
    /// state ever overdraws an escrow.
    /// </summary>
    public async Task<IReadOnlyList<PostedEntry>> PostManyAsync(IReadOnlyList<EntryRequest> requests, CancellationToken cancellationToken)
    {
        var keys = requests.Select(r => r.Cause.IdempotencyKey).Distinct(StringComparer.Ordinal).ToList();
        var posted = await db.JournalEntries.AsNoTracking().Include(e => e.Transfers)
            .Where(e => keys.Contains(e.IdempotencyKey))
            .ToDictionaryAsync(e => e.IdempotencyKey, StringComparer.Ordinal, cancellationToken);
        var fresh = requests.Where(r => !posted.ContainsKey(r.Cause.IdempotencyKey)).ToList();
        var now = clock.GetUtcNow();
        if (fresh.Count > 0)
        {
            await RefuseLockedPeriodAsync(now, cancellationToken);
        }

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

        var results = new List<PostedEntry>(requests.Count);
        var entries = new List<JournalEntry>(fresh.Count);
        var changes = new Dictionary<Guid, AccountBalance>();
        foreach (var request in requests)
        {
            if (posted.TryGetValue(request.Cause.IdempotencyKey, out var existing))
            {
                results.Add(new PostedEntry(existing, AlreadyPosted: true));
                continue;
            }

            var entry = JournalEntry.Create(
                request.Cause,
                request.Description,
                now,
                request.Transfers,
                id => accounts.GetValueOrDefault(id),
                id => reservations.TryGetValue(id, out var pending) ? new ReservationState(pending, resolved.Contains(id)) : null);
            if (request.ManualAuthor is { } author)
            {
                entry.MarkManual(author);
            }

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

            foreach (var change in entry.BalanceChanges(id => reservations[id].Amount))
            {
                changes[change.AccountId] = changes.GetValueOrDefault(change.AccountId).Apply(change);
            }

            db.JournalEntries.Add(entry);
            entries.Add(entry);
            posted[entry.IdempotencyKey] = entry;
            results.Add(new PostedEntry(entry, AlreadyPosted: false));
        }

        // A hot account's counter row is picked by the first key, so one batch touches one row per account.
        var slots = changes.Keys.ToDictionary(id => id, id => SlotFor(accounts[id], fresh[0].Cause.IdempotencyKey));
        var postings = entries.SelectMany(e => e.Transfers).Where(t => t.MovesPostedBalances)
            .SelectMany(t => new[] { t.DebitAccountId, t.CreditAccountId })
            .CountBy(id => id).ToDictionary();

        // Only a batch of recovery entries alone may take an escrow below zero: that is what flags the debt.
        var mayOverdraw = fresh.Count > 0 && fresh.All(r => r.Cause.Type == EntryCauseType.Recovery);

        // Rows are updated in account order, so concurrent postings lock them in one order and cannot deadlock.
        foreach (var (accountId, change) in changes.OrderBy(c => c.Key))
        {
            await ApplyAsync(accounts[accountId], slots[accountId], change, postings.GetValueOrDefault(accountId), mayOverdraw, cancellationToken);
        }

        if (postings.Count > 0)
        {
            await RecordRunningBalancesAsync(entries, accounts, slots, changes, postings, cancellationToken);
        }

        return results;
    }

    /// <summary>A recipient's escrow accounts that exist, one per currency it has been given in, with their balances, by currency code.</summary>
    public async Task<IReadOnlyList<(LedgerAccount Account, AccountBalance Balance)>> EscrowBalancesAsync(Guid recipientId, CancellationToken cancellationToken)
    {
        var code = LedgerAccount.EscrowCode(recipientId);
        var accounts = await db.LedgerAccounts.AsNoTracking().Where(a => a.Code == code).ToListAsync(cancellationToken);
        var balances = new List<(LedgerAccount, AccountBalance)>(accounts.Count);
        foreach (var account in accounts.OrderBy(a => a.Currency.Code, StringComparer.Ordinal))
        {
            balances.Add((account, await BalanceAsync(account.Id, cancellationToken)));
        }

        return balances;
    }

    public async Task<AccountBalance> BalanceAsync(Guid accountId, CancellationToken cancellationToken) =>
        (await db.LedgerBalances.AsNoTracking().Where(b => b.AccountId == accountId).ToListAsync(cancellationToken))
            .Aggregate(default(AccountBalance), (sum, slot) => sum + slot.Balance);

    // A month finance has closed takes no postings; entries are posted at the clock's time, so only a clock inside a
    // locked month (or a lock racing the month's last postings) is refused.
    private async Task RefuseLockedPeriodAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var month = LedgerPeriodLock.MonthOf(now);
        if (await db.LedgerPeriodLocks.AnyAsync(l => l.Month == month, cancellationToken))
        {
            throw new LedgerException(LedgerErrorCode.PeriodLocked, $"{month:yyyy-MM} is locked: nothing posts into it.");
        }
    }

    private async Task ApplyAsync(LedgerAccount account, int slot, AccountBalance change, long postings, bool mayOverdraw, CancellationToken cancellationToken)
    {
        var guarded = account.DebitsMustNotExceedCredits && !mayOverdraw && change.DebitsPosted + change.DebitsPending > 0;
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
                .SetProperty(b => b.CreditsPending, b => b.CreditsPending + change.CreditsPending)
                .SetProperty(b => b.PostingCount, b => b.PostingCount + postings),
            cancellationToken);
        if (updated == 0)
        {
            throw guarded
                ? new LedgerException(LedgerErrorCode.InsufficientFunds, $"Account {account.Code} ({account.Currency}) has not enough available for this entry.")
                : new InvalidOperationException($"Account {account.Id} has no balance row {slot}.");
        }
    }

    // The increments above hold the rows locked until commit, so the rows read back now end with this batch. Stepping
    // back by the batch's own change gives where each row stood before it; the batch is then walked in order.
    private async Task RecordRunningBalancesAsync(
        IReadOnlyList<JournalEntry> entries,
        Dictionary<Guid, LedgerAccount> accounts,
        Dictionary<Guid, int> slots,
        Dictionary<Guid, AccountBalance> changes,
        Dictionary<Guid, int> postings,
        CancellationToken cancellationToken)
    {
        var accountIds = postings.Keys.ToList();
        var slotNumbers = accountIds.Select(id => slots[id]).Distinct().ToList();
        var rows = await db.LedgerBalances.AsNoTracking()
            .Where(b => accountIds.Contains(b.AccountId) && slotNumbers.Contains(b.Slot))
            .ToListAsync(cancellationToken);
        var running = rows.Where(row => row.Slot == slots[row.AccountId]).ToDictionary(row => row.AccountId, row => new RunningBalance(
            row.Slot,
            row.PostingCount - postings[row.AccountId],
            accounts[row.AccountId].PostedBalance(row.DebitsPosted - changes[row.AccountId].DebitsPosted, row.CreditsPosted - changes[row.AccountId].CreditsPosted)));
        foreach (var transfer in entries.SelectMany(e => e.Transfers).Where(t => t.MovesPostedBalances))
        {
            transfer.RecordBalancesAfter(Advance(transfer.DebitAccountId, transfer.Amount, 0), Advance(transfer.CreditAccountId, 0, transfer.Amount));
        }

        RunningBalance Advance(Guid accountId, long debit, long credit)
        {
            var before = running[accountId];
            return running[accountId] = new RunningBalance(before.Slot, before.Sequence + 1, checked(before.BalanceAfter + accounts[accountId].PostedBalance(debit, credit)));
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
