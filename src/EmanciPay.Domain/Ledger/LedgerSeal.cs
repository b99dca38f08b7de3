using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EmanciPay.Domain.Ledger;

/// <summary>
/// One link of the hash chain over the books: the entry sealed at this position, the hash of its content (every column
/// of the entry and of each of its postings) and the chain's hash, made from the previous link's hash and this one's.
/// Changing or deleting any entry or posting row then no longer matches its seal, and changing or deleting a seal
/// breaks the chain after it. Seals are kept apart from entries, in the order they were sealed, so that posting never
/// waits for a chain head: a job seals committed entries in batches.
/// </summary>
public sealed class LedgerSeal
{
    /// <summary>The hash before the first seal.</summary>
    public static readonly string Genesis = new('0', 64);

    private LedgerSeal(long position, Guid entryId, string entryHash, string hash, DateTimeOffset sealedAt)
    {
        Position = position;
        EntryId = entryId;
        EntryHash = entryHash;
        Hash = hash;
        SealedAt = sealedAt;
    }

    /// <summary>1, 2, 3... with no gap: a missing number is a deleted seal.</summary>
    public long Position { get; private set; }

    public Guid EntryId { get; private set; }

    /// <summary>SHA-256 of the entry's content (<see cref="ContentHash"/>), lower-case hex.</summary>
    public string EntryHash { get; private set; }

    /// <summary>SHA-256 of the previous seal's hash, this position, entry and entry hash (<see cref="ChainHash"/>).</summary>
    public string Hash { get; private set; }

    public DateTimeOffset SealedAt { get; private set; }

    /// <summary>Seals the entry after <paramref name="previous"/> (null for the first seal).</summary>
    public static LedgerSeal After(LedgerSeal? previous, JournalEntry entry, DateTimeOffset sealedAt)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var position = (previous?.Position ?? 0) + 1;
        var entryHash = ContentHash(entry);
        return new LedgerSeal(position, entry.Id, entryHash, ChainHash(previous?.Hash ?? Genesis, position, entry.Id, entryHash), sealedAt);
    }

    public static string ChainHash(string previousHash, long position, Guid entryId, string entryHash) =>
        Sha256($"{previousHash}|{position.ToString(CultureInfo.InvariantCulture)}|{entryId:N}|{entryHash}");

    /// <summary>
    /// SHA-256 over every stored column of the entry and of its postings in their order, each field length-prefixed so
    /// that no two contents read alike. Times count in UTC ticks, as the database returns them. The manual author comes
    /// last, marked, and only when there is one: entries the system posted hash as they did before it was covered, so
    /// their seals still hold, while setting, changing or clearing an author changes the hash.
    /// </summary>
    public static string ContentHash(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder();
        void Field(object? value)
        {
            var s = value switch
            {
                null => "\u2205",
                DateTimeOffset time => time.UtcTicks.ToString(CultureInfo.InvariantCulture),
                Guid id => id.ToString("N"),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? string.Empty,
            };
            text.Append(s.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(s).Append(';');
        }

        Field(entry.Id);
        Field(EntryCause.CodeOf(entry.CauseType));
        Field(entry.CauseId);
        Field(entry.IdempotencyKey);
        Field(entry.Description);
        Field(entry.PostedAt);
        Field(entry.Transfers.Count);
        foreach (var t in entry.Transfers.OrderBy(t => t.Sequence))
        {
            Field(t.Id);
            Field(t.EntryId);
            Field(t.PostedAt);
            Field(t.Sequence);
            Field(t.Kind.ToString());
            Field(t.DebitAccountId);
            Field(t.CreditAccountId);
            Field(t.Amount);
            Field(t.Currency.Code);
            Field(t.PendingTransferId);
            Field(t.DebitSlot);
            Field(t.DebitSlotSequence);
            Field(t.DebitBalanceAfter);
            Field(t.CreditSlot);
            Field(t.CreditSlotSequence);
            Field(t.CreditBalanceAfter);
        }

        if (entry.ManualAuthor is { } author)
        {
            Field("manual-author");
            Field(author);
        }

        return Sha256(text.ToString());
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
