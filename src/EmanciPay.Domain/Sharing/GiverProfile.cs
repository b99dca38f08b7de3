using System.Text.RegularExpressions;

namespace EmanciPay.Domain.Sharing;

/// <summary>
/// A listener's public page of giving, at /givers/{handle}, with its Atom feed. Off until the listener publishes it, and
/// it shows only the gifts they choose (<see cref="SharedGift"/>). Unpublishing hides it at once; the handle stays
/// theirs, so nobody else can take it and pose as them.
/// </summary>
public sealed partial class GiverProfile
{
    public const int MinHandleLength = 3;

    public const int MaxHandleLength = 30;

    private GiverProfile(string listenerId, string handle, DateTimeOffset updatedAt)
    {
        ListenerId = listenerId;
        Handle = handle;
        UpdatedAt = updatedAt;
    }

    public string ListenerId { get; private set; }

    /// <summary>Lower-case letters, digits and inner hyphens, chosen by the listener; unique.</summary>
    public string Handle { get; private set; }

    public bool Published { get; private set; }

    /// <summary>When the page or its choice of gifts last changed: the feed's updated time.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    public static bool IsHandle(string? handle) => handle is not null && HandlePattern().IsMatch(handle);

    public static GiverProfile Create(string listenerId, string handle, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listenerId);
        RequireHandle(handle);
        return new GiverProfile(listenerId, handle, at);
    }

    public void Set(string handle, bool published, DateTimeOffset at)
    {
        RequireHandle(handle);
        Handle = handle;
        Published = published;
        UpdatedAt = at;
    }

    public void Touch(DateTimeOffset at) => UpdatedAt = at;

    private static void RequireHandle(string handle)
    {
        if (!IsHandle(handle))
        {
            throw new ArgumentException("A handle is 3 to 30 lower-case letters, digits and hyphens, starting and ending with a letter or digit.", nameof(handle));
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,28}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex HandlePattern();
}
