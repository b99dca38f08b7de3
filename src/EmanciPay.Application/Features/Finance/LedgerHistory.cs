using EmanciPay.Application.Common;
using EmanciPay.Domain.Ledger;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Finance;

/// <summary>
/// How the finance reads look at the past without summing it: an account's balance at a time is, on each of its counter
/// rows, the running balance of the last posting before that time (one backward index read per side, as in
/// <see cref="Ledger.GetAccountStatement"/>); the balances of many accounts are read in one statement.
/// </summary>
internal static class LedgerHistory
{
    /// <summary>The start of the UTC day after <paramref name="day"/>: "up to and including that day" is "before this".</summary>
    public static DateTimeOffset EndOf(DateOnly day) =>
        day >= DateOnly.MaxValue.AddDays(-1) ? DateTimeOffset.MaxValue : new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The posted balance (on each account's normal side) just before <paramref name="time"/> of the given accounts, or of all.</summary>
    public static async Task<Dictionary<Guid, long>> BalancesBeforeAsync(IAppDbContext db, IReadOnlyCollection<Guid>? accountIds, DateTimeOffset time, CancellationToken cancellationToken)
    {
        var slots = db.LedgerBalances.AsNoTracking();
        if (accountIds is not null)
        {
            slots = slots.Where(b => accountIds.Contains(b.AccountId));
        }

        var transfers = db.LedgerTransfers.AsNoTracking();
        var rows = await slots.Select(b => new
            {
                b.AccountId,
                DebitSequence = transfers.Where(t => t.DebitAccountId == b.AccountId && t.DebitSlot == b.Slot && t.PostedAt < time)
                    .OrderByDescending(t => t.PostedAt).ThenByDescending(t => t.DebitSlotSequence).Select(t => t.DebitSlotSequence).FirstOrDefault(),
                DebitBalance = transfers.Where(t => t.DebitAccountId == b.AccountId && t.DebitSlot == b.Slot && t.PostedAt < time)
                    .OrderByDescending(t => t.PostedAt).ThenByDescending(t => t.DebitSlotSequence).Select(t => t.DebitBalanceAfter).FirstOrDefault(),
                CreditSequence = transfers.Where(t => t.CreditAccountId == b.AccountId && t.CreditSlot == b.Slot && t.PostedAt < time)
                    .OrderByDescending(t => t.PostedAt).ThenByDescending(t => t.CreditSlotSequence).Select(t => t.CreditSlotSequence).FirstOrDefault(),
                CreditBalance = transfers.Where(t => t.CreditAccountId == b.AccountId && t.CreditSlot == b.Slot && t.PostedAt < time)
                    .OrderByDescending(t => t.PostedAt).ThenByDescending(t => t.CreditSlotSequence).Select(t => t.CreditBalanceAfter).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        // A posting is on one side or the other of the row: the later of the two (the higher number on the row) wins.
        return rows
            .GroupBy(r => r.AccountId)
            .ToDictionary(g => g.Key, g => g.Sum(r => (r.DebitSequence ?? 0) > (r.CreditSequence ?? 0) ? r.DebitBalance ?? 0 : r.CreditBalance ?? 0));
    }

    /// <summary>Stations by the escrow accounts' codes, for naming escrow accounts.</summary>
    public static async Task<Dictionary<string, (string Slug, string Name)>> StationsByEscrowCodeAsync(IAppDbContext db, IEnumerable<string> codes, CancellationToken cancellationToken)
    {
        var ids = codes.Select(RecipientOf).OfType<Guid>().Distinct().ToList();
        var stations = await db.Recipients.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.Slug, r.Name }).ToListAsync(cancellationToken);
        return stations.ToDictionary(s => LedgerAccount.EscrowCode(s.Id), s => (s.Slug, s.Name), StringComparer.Ordinal);
    }

    public static Guid? RecipientOf(string accountCode) =>
        accountCode.StartsWith("escrow:", StringComparison.Ordinal) && Guid.TryParseExact(accountCode["escrow:".Length..], "N", out var id) ? id : null;
}
