namespace EmanciPay.Domain.Recipients;

/// <summary>
/// A station manager's invitation to another address to manage the same station. The mail carries a single-use link
/// whose token only its hash is kept of; the link works until it expires, once, for an account with the invited address.
/// </summary>
public sealed class ManagerInvitation
{
    public const int MaxEmailLength = 256;

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private ManagerInvitation(Guid id, Guid recipientId, string email, string invitedBy, DateTimeOffset createdAt)
    {
        Id = id;
        RecipientId = recipientId;
        Email = email;
        InvitedBy = invitedBy;
        CreatedAt = createdAt;
        ExpiresAt = createdAt + Lifetime;
    }

    public Guid Id { get; private set; }

    public Guid RecipientId { get; private set; }

    /// <summary>The invited address, lower case.</summary>
    public string Email { get; private set; }

    /// <summary>The manager who invited.</summary>
    public string InvitedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>SHA-256 of the link's token, hex; null until the mail is sent (the token is made for the mail, never stored).</summary>
    public string? TokenHash { get; private set; }

    public DateTimeOffset? MailedAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public string? AcceptedBy { get; private set; }

    public bool IsAccepted => AcceptedAt is not null;

    /// <summary>Waiting for the invitee: neither accepted nor expired.</summary>
    public bool IsOpen(DateTimeOffset now) => !IsAccepted && now < ExpiresAt;

    public static string Normalise(string email) => email.Trim().ToLowerInvariant();

    public static ManagerInvitation Create(Guid recipientId, string email, string invitedBy, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(invitedBy);
        return new ManagerInvitation(Guid.CreateVersion7(at), recipientId, Normalise(email), invitedBy, at);
    }

    /// <summary>A new token for the mail about to go out; any earlier link stops working.</summary>
    public void IssueToken(string tokenHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        if (IsAccepted)
        {
            throw new InvalidOperationException("An accepted invitation takes no new link.");
        }

        TokenHash = tokenHash;
    }

    public void MarkMailed(DateTimeOffset at) => MailedAt ??= at;

    public void Accept(string userId, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (!IsOpen(at))
        {
            throw new InvalidOperationException("Only an open invitation can be accepted.");
        }

        (AcceptedAt, AcceptedBy) = (at, userId);
    }
}
