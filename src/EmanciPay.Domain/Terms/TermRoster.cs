namespace EmanciPay.Domain.Terms;

/// <summary>
/// One term a listener may proffer, modelled on IEEE 7012 machine-readable privacy terms and Customer Commons' terms.
/// Its id is stable; its version goes up whenever its meaning changes, so an agreement names exactly what was agreed.
/// </summary>
/// <param name="Choice">The choice the term is one alternative of (display, contact), or null for a term on its own.</param>
/// <param name="Text">The plain-language text the listener and the station read.</param>
/// <param name="Withholds">What a station never receives while the term is chosen: name, email, postal-address, message.</param>
public sealed record Term(string Id, int Version, string? Choice, string Title, string Text, IReadOnlyList<string> Withholds);

/// <summary>Who may see the listener: their name and details, or nobody at all.</summary>
public enum DisplayChoice
{
    ShowName,
    Anonymous,
}

/// <summary>How a station may contact the listener.</summary>
public enum ContactChoice
{
    EmailOrPost,
    EmailOnly,
    None,
}

/// <summary>The terms that ship with the app: a station agrees to honour all of them, whichever a listener picks.</summary>
public static class TermRoster
{
    public const string Publisher = "EmanciPay";

    public static readonly Term ShowName = new("cc-display-name", 1, "display", "Show my name",
        "You may see my name, and my message to you, with my gifts.", []);

    public static readonly Term Anonymous = new("cc-anonymous", 1, "display", "Keep me anonymous",
        "You see my gifts but never who I am: no name, no address, no message.", ["name", "email", "postal-address", "message"]);

    public static readonly Term ContactByEmailOrPost = new("cc-contact-email-post", 1, "contact", "Contact me by email or post",
        "You may write to me at my email address or my postal address.", []);

    public static readonly Term ContactByEmailOnly = new("cc-contact-email", 1, "contact", "Contact me by email only",
        "You may write to me at my email address, never by post: you do not get my postal address.", ["postal-address"]);

    public static readonly Term NoContact = new("cc-contact-none", 1, "contact", "Do not contact me at all",
        "You do not get my email or postal address, and you do not contact me.", ["email", "postal-address"]);

    public static readonly Term NoSharing = new("cc-no-sharing", 1, null, "Don't share, rent or sell my details",
        "What you see of me is for your station only: you never share, rent or sell it to anyone.", []);

    public static readonly Term NoGifts = new("cc-no-gifts", 1, null, "No thank-you gifts",
        "Send me no thank-you gifts or premiums: all of my gift goes to your work.", []);

    public static readonly Term NoAsksThisYear = new("cc-no-asks-this-year", 1, null, "Don't ask me again this year",
        "I have given for this calendar year: do not ask me to give again before it ends.", []);

    /// <summary>Every term, in the order the listener reads them.</summary>
    public static readonly IReadOnlyList<Term> All = [ShowName, Anonymous, ContactByEmailOrPost, ContactByEmailOnly, NoContact, NoSharing, NoGifts, NoAsksThisYear];

    public static Term Of(DisplayChoice choice) => choice == DisplayChoice.Anonymous ? Anonymous : ShowName;

    public static Term Of(ContactChoice choice) => choice switch
    {
        ContactChoice.EmailOrPost => ContactByEmailOrPost,
        ContactChoice.None => NoContact,
        _ => ContactByEmailOnly,
    };

    public static Term? Find(string id) => All.FirstOrDefault(t => t.Id == id);
}
