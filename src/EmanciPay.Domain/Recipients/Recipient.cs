namespace EmanciPay.Domain.Recipients;

/// <summary>A media outlet listeners can pay, claimed by its staff or not (yet).</summary>
public sealed class Recipient
{
    public const int MaxNameLength = 200;

    public const int MaxDeclineReasonLength = 500;

    private Recipient(Guid id, string slug, string name, string callSign, string frequency, string city, string state, string? website, DateTimeOffset createdAt, DateTimeOffset? listedAt, string? proposedBy)
    {
        Id = id;
        Slug = slug;
        Name = name;
        CallSign = callSign;
        Frequency = frequency;
        City = city;
        State = state;
        Website = website;
        CreatedAt = createdAt;
        ListedAt = listedAt;
        ProposedBy = proposedBy;
        SearchText = BuildSearchText();
    }

    public Guid Id { get; private set; }

    /// <summary>The lower-cased call sign ("kexp-fm"): the station's address in pages and the API.</summary>
    public string Slug { get; private set; }

    public string Name { get; private set; }

    public string CallSign { get; private set; }

    public string Frequency { get; private set; }

    public string City { get; private set; }

    public string State { get; private set; }

    public string? Website { get; private set; }

    /// <summary>Name, call sign, city and state in lower case, so a search is one indexed-friendly Contains on every provider.</summary>
    public string SearchText { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the station appeared in the directory; null while a proposed station waits for an admin.</summary>
    public DateTimeOffset? ListedAt { get; private set; }

    /// <summary>The user who proposed a station missing from the directory; null for imported stations.</summary>
    public string? ProposedBy { get; private set; }

    public DateTimeOffset? ClaimedAt { get; private set; }

    /// <summary>When the station said it cannot or will not join: new pledges are refused and its escrow refunded.</summary>
    public DateTimeOffset? DeclinedAt { get; private set; }

    public string? DeclineReason { get; private set; }

    public bool IsListed => ListedAt is not null;

    public bool IsClaimed => ClaimedAt is not null;

    public bool IsDeclined => DeclinedAt is not null;

    /// <summary>Whether listeners may pledge to it: listed and not declined.</summary>
    public bool AcceptsPledges => IsListed && !IsDeclined;

    public static string SlugFor(string callSign) => callSign.Trim().ToLowerInvariant();

    public static Recipient CreateStation(string callSign, string name, string frequency, string city, string state, string? website, DateTimeOffset createdAt) =>
        Create(callSign, name, frequency, city, state, website, createdAt, listedAt: createdAt, proposedBy: null);

    /// <summary>A station missing from the directory, proposed by a user: unlisted until an admin accepts it.</summary>
    public static Recipient ProposeStation(string callSign, string name, string frequency, string city, string state, string? website, string proposedBy, DateTimeOffset proposedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(proposedBy);
        return Create(callSign, name, frequency, city, state, website, proposedAt, listedAt: null, proposedBy);
    }

    /// <summary>An admin accepted a proposed station. Listing a listed station changes nothing.</summary>
    public void List(DateTimeOffset at) => ListedAt ??= at;

    /// <summary>A claim was approved: the hold deadline stops applying. Claiming again keeps the first date.</summary>
    public void MarkClaimed(DateTimeOffset at)
    {
        if (IsDeclined)
        {
            throw new InvalidOperationException("A station that declined to join cannot be claimed.");
        }

        ClaimedAt ??= at;
    }

    /// <summary>The station cannot or will not join: the reason is shown on its page and to listeners.</summary>
    public void Decline(string reason, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (IsClaimed)
        {
            throw new InvalidOperationException("A claimed station cannot decline.");
        }

        reason = reason.Trim();
        DeclineReason = reason.Length > MaxDeclineReasonLength ? reason[..MaxDeclineReasonLength] : reason;
        DeclinedAt ??= at;
    }

    private static Recipient Create(string callSign, string name, string frequency, string city, string state, string? website, DateTimeOffset createdAt, DateTimeOffset? listedAt, string? proposedBy) =>
        new(Guid.CreateVersion7(createdAt), SlugFor(callSign), name.Trim(), callSign.Trim().ToUpperInvariant(), frequency.Trim(), city.Trim(), state.Trim().ToUpperInvariant(), string.IsNullOrWhiteSpace(website) ? null : website.Trim(), createdAt, listedAt, proposedBy);

    public static string NormaliseSearch(string text) => text.Trim().ToLowerInvariant();

    private string BuildSearchText() => NormaliseSearch($"{Name} {CallSign} {City} {State}");
}
