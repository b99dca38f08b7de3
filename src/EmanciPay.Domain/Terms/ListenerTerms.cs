namespace EmanciPay.Domain.Terms;

/// <summary>
/// The terms one listener proffers to every station they give to. Stations never get a copy: each of their reads
/// applies the current row (<see cref="SupporterDisplay"/>), so a change reaches every station at once. A listener who
/// never chose has <see cref="Default"/>.
/// </summary>
public sealed class ListenerTerms
{
    private ListenerTerms(string listenerId)
    {
        ListenerId = listenerId;
    }

    public string ListenerId { get; private set; }

    public DisplayChoice Display { get; private set; } = DisplayChoice.ShowName;

    public ContactChoice Contact { get; private set; } = ContactChoice.EmailOnly;

    public bool NoSharing { get; private set; } = true;

    public bool NoGifts { get; private set; }

    /// <summary>The calendar year (UTC) the listener asked not to be asked again in; null when they did not.</summary>
    public int? NoAsksYear { get; private set; }

    public DateTimeOffset? ChangedAt { get; private set; }

    /// <summary>What a listener has before choosing: name shown, email only, details never shared.</summary>
    public static ListenerTerms Default(string listenerId) => new(listenerId);

    public static ListenerTerms Choose(string listenerId) => new(listenerId);

    public void Set(DisplayChoice display, ContactChoice contact, bool noSharing, bool noGifts, bool noAsksThisYear, DateTimeOffset at)
    {
        Display = display;
        Contact = contact;
        NoSharing = noSharing;
        NoGifts = noGifts;
        NoAsksYear = noAsksThisYear ? at.UtcDateTime.Year : null;
        ChangedAt = at;
    }

    public bool NoAsksIn(DateTimeOffset now) => NoAsksYear == now.UtcDateTime.Year;

    /// <summary>The terms chosen now, as roster entries.</summary>
    public IReadOnlyList<Term> Chosen(DateTimeOffset now)
    {
        var chosen = new List<Term> { TermRoster.Of(Display), TermRoster.Of(Contact) };
        if (NoSharing)
        {
            chosen.Add(TermRoster.NoSharing);
        }

        if (NoGifts)
        {
            chosen.Add(TermRoster.NoGifts);
        }

        if (NoAsksIn(now))
        {
            chosen.Add(TermRoster.NoAsksThisYear);
        }

        return chosen;
    }
}
