namespace EmanciPay.Domain.Terms;

/// <summary>What a station may know of one supporter: only what their terms allow, and nothing at all when anonymous.</summary>
/// <param name="Anonymous">true when the station sees no name, address or message: the listener's terms, or this pledge, say so.</param>
/// <param name="NoContact">true when the station must not contact the supporter at all.</param>
public sealed record SupporterView(bool Anonymous, string? Name, string? Email, string? PostalAddress, string? Message, bool NoContact, bool NoSharing, bool NoGifts, bool NoAsksThisYear);

/// <summary>The current details of a supporter, as held once: their account's name, address and email, or a guest's pledge address.</summary>
public sealed record SupporterDetails(string? Name, string? Email, string? PostalAddress);

/// <summary>
/// The one function every station-facing read (pages, API, CSV, mail) passes a supporter through. It takes the
/// listener's current terms, never a copy made at pledge time; a pledge given anonymously stays anonymous whatever
/// the terms say.
/// </summary>
public static class SupporterDisplay
{
    public static SupporterView Resolve(ListenerTerms terms, bool pledgeAnonymous, SupporterDetails details, string? message, DateTimeOffset now)
    {
        var anonymous = pledgeAnonymous || terms.Display == DisplayChoice.Anonymous;
        var noAsks = terms.NoAsksIn(now);
        if (anonymous)
        {
            return new SupporterView(true, null, null, null, null, terms.Contact == ContactChoice.None, terms.NoSharing, terms.NoGifts, noAsks);
        }

        return new SupporterView(
            false,
            details.Name,
            terms.Contact == ContactChoice.None ? null : details.Email,
            terms.Contact == ContactChoice.EmailOrPost ? details.PostalAddress : null,
            message,
            terms.Contact == ContactChoice.None,
            terms.NoSharing,
            terms.NoGifts,
            noAsks);
    }
}
