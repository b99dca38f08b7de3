namespace EmanciPay.Domain.Recipients;

/// <summary>A media outlet listeners can pay, claimed by its staff or not (yet).</summary>
public sealed class Recipient
{
    public const int MaxNameLength = 200;

    private Recipient(Guid id, string slug, string name, string callSign, string frequency, string city, string state, string? website, DateTimeOffset createdAt)
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

    public DateTimeOffset? ClaimedAt { get; private set; }

    public bool IsClaimed => ClaimedAt is not null;

    public static string SlugFor(string callSign) => callSign.Trim().ToLowerInvariant();

    public static Recipient CreateStation(string callSign, string name, string frequency, string city, string state, string? website, DateTimeOffset createdAt) =>
        new(Guid.CreateVersion7(createdAt), SlugFor(callSign), name.Trim(), callSign.Trim().ToUpperInvariant(), frequency.Trim(), city.Trim(), state.Trim().ToUpperInvariant(), string.IsNullOrWhiteSpace(website) ? null : website.Trim(), createdAt);

    public static string NormaliseSearch(string text) => text.Trim().ToLowerInvariant();

    private string BuildSearchText() => NormaliseSearch($"{Name} {CallSign} {City} {State}");
}
