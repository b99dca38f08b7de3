using EmanciPay.Domain.Ledger;
using Microsoft.EntityFrameworkCore;
using EmanciPay.Application.Common;

namespace EmanciPay.Application.Ledger;

/// <summary>
/// Proves the hash chain (<see cref="LedgerSeal"/>): seals numbered without a gap, each chain hash following from the
/// one before, each sealed entry still there with the content it was sealed with, and no entry older than a day left
/// unsealed (one added behind the sealer's back, or a sealer that has stopped). Each problem names its position.
/// </summary>
internal sealed class SealChainCheck(IAppDbContext db, List<string> problems)
{
    /// <summary>How long an entry may wait for its seal before that is a problem; the sealer runs every minute.</summary>
    public static readonly TimeSpan SealingGrace = TimeSpan.FromDays(1);

    private const int UnsealedReported = 10;

    public long Sealed { get; private set; }

    /// <summary>The last seal's hash: noted elsewhere, it proves later that nothing before it was rewritten.</summary>
    public string ChainHead { get; private set; } = LedgerSeal.Genesis;

    public async Task RunAsync(int pageSize, DateTimeOffset now, CancellationToken cancellationToken)
    {
        long last = 0;
        while (true)
        {
            var seals = await db.LedgerSeals.AsNoTracking().Where(s => s.Position > last).OrderBy(s => s.Position).Take(pageSize).ToListAsync(cancellationToken);
            if (seals.Count == 0)
            {
                break;
            }

            var ids = seals.Select(s => s.EntryId).ToList();
            var entries = await db.JournalEntries.AsNoTracking().Include(e => e.Transfers.OrderBy(t => t.Sequence))
                .Where(e => ids.Contains(e.Id))
                .ToDictionaryAsync(e => e.Id, cancellationToken);
            foreach (var seal in seals)
            {
                Check(seal, entries.GetValueOrDefault(seal.EntryId));
            }

            last = seals[^1].Position;
        }

        var before = now - SealingGrace;
        var unsealed = db.JournalEntries.AsNoTracking().Where(e => e.PostedAt < before && !db.LedgerSeals.Any(s => s.EntryId == e.Id));
        var count = await unsealed.CountAsync(cancellationToken);
        foreach (var entry in await unsealed.OrderBy(e => e.PostedAt).ThenBy(e => e.Id).Take(UnsealedReported).ToListAsync(cancellationToken))
        {
            problems.Add($"Entry {entry.Id} ({entry.IdempotencyKey}), posted {entry.PostedAt:u}, has no seal: it was added behind the sealer's back, or sealing has stopped.");
        }

        if (count > UnsealedReported)
        {
            problems.Add($"{count - UnsealedReported} more entries older than {SealingGrace.TotalHours:0} hours have no seal.");
        }
    }

    private void Check(LedgerSeal seal, JournalEntry? entry)
    {
        var expected = Sealed + 1;
        if (seal.Position != expected)
        {
            problems.Add($"Seal positions {expected} to {seal.Position - 1} are missing: seals were deleted.");
        }
        else if (LedgerSeal.ChainHash(ChainHead, seal.Position, seal.EntryId, seal.EntryHash) != seal.Hash)
        {
            problems.Add($"Position {seal.Position}: the seal of entry {seal.EntryId} does not follow from position {seal.Position - 1}: the seal was changed.");
        }

        if (entry is null)
        {
            problems.Add($"Position {seal.Position}: entry {seal.EntryId}, sealed {seal.SealedAt:u}, was deleted.");
        }
        else if (LedgerSeal.ContentHash(entry) != seal.EntryHash)
        {
            problems.Add($"Position {seal.Position}: entry {entry.Id} ({entry.IdempotencyKey}) or one of its postings was changed after it was sealed {seal.SealedAt:u}.");
        }

        // The chain goes on from what is stored, so one changed seal is reported once, not again at every seal after it.
        Sealed = seal.Position;
        ChainHead = seal.Hash;
    }
}
