using EmanciPay.Application.Common;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Finance;

/// <summary>What postings to read: all of it optional.</summary>
internal sealed record PostingFilter(
    IReadOnlyList<Guid>? AccountIds = null,
    Currency? Currency = null,
    DateTimeOffset? From = null,
    DateTimeOffset? Before = null,
    EntryCauseType? Cause = null,
    string? CauseId = null,
    long? MinAmount = null,
    long? MaxAmount = null,
    bool OnlyPosted = false);

/// <summary>A posting read for a page, with what its entry says about it.</summary>
internal sealed record PostingRow(LedgerTransfer Transfer, EntryCauseType CauseType, string CauseId, string Description);

/// <summary>
/// One page of postings, newest first, by keyset on (time, entry, sequence), read so that an index does the work
/// however many postings there are: for accounts, each account's side is its own range on (account, time), read up
/// to one page past the cursor, and the few rows are merged here (an OR of both sides would have to sort all of them);
/// otherwise the range is on (time, entry, sequence), or on the entries of a cause.
/// </summary>
internal static class PostingPages
{
    public static async Task<(List<PostingRow> Rows, string? NextCursor)> ReadAsync(IAppDbContext db, PostingFilter filter, string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        var position = cursor is not null && PostingPosition.TryParse(cursor, out var p) ? p : null;
        var transfers = new List<LedgerTransfer>();
        if (filter.AccountIds is { } accounts)
        {
            foreach (var account in accounts)
            {
                transfers.AddRange(await Ordered(Filtered(db, db.LedgerTransfers.Where(t => t.DebitAccountId == account), filter, position), pageSize + 1).ToListAsync(cancellationToken));
                transfers.AddRange(await Ordered(Filtered(db, db.LedgerTransfers.Where(t => t.CreditAccountId == account), filter, position), pageSize + 1).ToListAsync(cancellationToken));
            }
        }
        else
        {
            transfers.AddRange(await Ordered(Filtered(db, db.LedgerTransfers, filter, position), pageSize + 1).ToListAsync(cancellationToken));
        }

        var merged = transfers.DistinctBy(t => t.Id)
            .OrderByDescending(t => t.PostedAt).ThenByDescending(t => t.EntryId).ThenByDescending(t => t.Sequence)
            .Take(pageSize + 1)
            .ToList();
        var page = merged.Take(pageSize).ToList();
        var entryIds = page.Select(t => t.EntryId).Distinct().ToList();
        var entries = await db.JournalEntries.AsNoTracking().Where(e => entryIds.Contains(e.Id))
            .Select(e => new { e.Id, e.CauseType, e.CauseId, e.Description })
            .ToDictionaryAsync(e => e.Id, cancellationToken);
        var rows = page.Select(t => new PostingRow(t, entries[t.EntryId].CauseType, entries[t.EntryId].CauseId, entries[t.EntryId].Description)).ToList();
        var next = merged.Count > pageSize ? new PostingPosition(page[^1].PostedAt, page[^1].EntryId, page[^1].Sequence).Encode() : null;
        return (rows, next);
    }

    /// <summary>Every posting the filter selects, oldest first, read as the caller goes (for exports).</summary>
    public static IQueryable<LedgerTransfer> Oldest(IAppDbContext db, PostingFilter filter)
    {
        var postings = Filtered(db, db.LedgerTransfers, filter with { AccountIds = null }, null);
        if (filter.AccountIds is { } accounts)
        {
            postings = postings.Where(t => accounts.Contains(t.DebitAccountId) || accounts.Contains(t.CreditAccountId));
        }

        return postings.OrderBy(t => t.PostedAt).ThenBy(t => t.EntryId).ThenBy(t => t.Sequence);
    }

    private static IQueryable<LedgerTransfer> Filtered(IAppDbContext db, IQueryable<LedgerTransfer> postings, PostingFilter filter, PostingPosition? position)
    {
        postings = postings.AsNoTracking();
        if (filter.OnlyPosted)
        {
            postings = postings.Where(t => t.Kind == TransferKind.Posted || t.Kind == TransferKind.PostPending);
        }

        if (filter.Currency is { } currency)
        {
            postings = postings.Where(t => t.Currency == currency);
        }

        if (filter.From is { } from)
        {
            postings = postings.Where(t => t.PostedAt >= from);
        }

        if (filter.Before is { } before)
        {
            postings = postings.Where(t => t.PostedAt < before);
        }

        if (filter.MinAmount is { } min)
        {
            postings = postings.Where(t => t.Amount >= min);
        }

        if (filter.MaxAmount is { } max)
        {
            postings = postings.Where(t => t.Amount <= max);
        }

        if (filter.Cause is { } cause)
        {
            var causeId = filter.CauseId;
            var entries = db.JournalEntries.Where(e => e.CauseType == cause);
            if (causeId is not null)
            {
                entries = entries.Where(e => e.CauseId == causeId);
            }

            postings = postings.Where(t => entries.Any(e => e.Id == t.EntryId));
        }

        return position is null ? postings : position.Before(postings);
    }

    private static IQueryable<LedgerTransfer> Ordered(IQueryable<LedgerTransfer> postings, int count) =>
        postings.OrderByDescending(t => t.PostedAt).ThenByDescending(t => t.EntryId).ThenByDescending(t => t.Sequence).Take(count);
}
