using System.Buffers.Text;
using System.Globalization;
using System.Text;
using EmanciPay.Domain.Ledger;

namespace EmanciPay.Application.Ledger;

/// <summary>
/// Where a page of postings ended, newest first: the last line's posting time, entry and transfer within it. Opaque
/// to callers; keyset paging on it never skips or repeats a posting made while someone pages.
/// </summary>
internal sealed record PostingPosition(DateTimeOffset PostedAt, Guid EntryId, int Sequence)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{PostedAt.UtcTicks}.{EntryId:N}.{Sequence}")));

    public static bool IsValid(string? cursor) => cursor is null || TryParse(cursor, out _);

    public static bool TryParse(string cursor, out PostingPosition position)
    {
        position = null!;
        if (cursor.Length > 100 || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor)).Split('.');
        if (parts is not [var ticks, var entry, var sequence]
            || !long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var utcTicks) || utcTicks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(entry, "N", out var entryId)
            || !int.TryParse(sequence, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return false;
        }

        position = new PostingPosition(new DateTimeOffset(utcTicks, TimeSpan.Zero), entryId, index);
        return true;
    }

    /// <summary>
    /// Postings strictly older than this position. The plain <c>PostedAt &lt;=</c> is what an index on (account, time) or
    /// (time, entry, sequence) can seek to; the rest breaks ties within one instant.
    /// </summary>
    public IQueryable<LedgerTransfer> Before(IQueryable<LedgerTransfer> postings) =>
        postings.Where(t => t.PostedAt <= PostedAt
            && (t.PostedAt < PostedAt || t.EntryId < EntryId || (t.EntryId == EntryId && t.Sequence < Sequence)));
}
