namespace EmanciPay.Domain.Sharing;

/// <summary>
/// A listener's proof that "a supporter of this station gave in this year", for skipping pledge pitches and
/// supporter-only walls. Whoever holds its link can check it without learning who gave: only the SHA-256 of the link's
/// token is stored, and the proof names the station and the year, never the listener. Revoking it ends it at once.
/// </summary>
public sealed class GivingProof
{
    private GivingProof(Guid id, string listenerId, Guid recipientId, int year, string tokenHash, DateTimeOffset createdAt)
    {
        Id = id;
        ListenerId = listenerId;
        RecipientId = recipientId;
        Year = year;
        TokenHash = tokenHash;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string ListenerId { get; private set; }

    public Guid RecipientId { get; private set; }

    /// <summary>The calendar year (UTC) the listener gave in.</summary>
    public int Year { get; private set; }

    /// <summary>SHA-256 of the link's token, lower-case hex; the token itself is shown once and never stored.</summary>
    public string TokenHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsValid => RevokedAt is null;

    public static GivingProof Issue(string listenerId, Guid recipientId, int year, string tokenHash, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listenerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        return new GivingProof(Guid.CreateVersion7(now), listenerId, recipientId, year, tokenHash, now);
    }

    /// <summary>Ends the proof; revoking twice keeps the first time.</summary>
    public void Revoke(DateTimeOffset at) => RevokedAt ??= at;
}
