namespace EmanciPay.Domain.Terms;

/// <summary>
/// The listener's name and postal address, held once for every station (their email is their account's, changed only
/// through a confirmed new address). Stations read the current values through <see cref="SupporterDisplay"/>.
/// </summary>
public sealed class ListenerDetails
{
    public const int MaxNameLength = 100;

    public const int MaxPostalAddressLength = 300;

    private ListenerDetails(string listenerId)
    {
        ListenerId = listenerId;
    }

    public string ListenerId { get; private set; }

    public string? Name { get; private set; }

    public string? PostalAddress { get; private set; }

    public DateTimeOffset? ChangedAt { get; private set; }

    public static ListenerDetails For(string listenerId) => new(listenerId);

    public void Set(string? name, string? postalAddress, DateTimeOffset at)
    {
        Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        PostalAddress = string.IsNullOrWhiteSpace(postalAddress) ? null : postalAddress.Trim().ReplaceLineEndings("\n");
        ChangedAt = at;
    }
}
