namespace EmanciPay.Domain.Recipients;

/// <summary>Where a claim stands: its address unconfirmed, waiting for an admin, or decided.</summary>
public enum StationClaimStatus
{
    /// <summary>Submitted; the link mailed to the address at the station's domain has not been followed yet.</summary>
    AwaitingEmail = 1,

    /// <summary>The address is confirmed: an admin decides.</summary>
    Pending = 2,

    Approved = 3,

    Rejected = 4,
}

/// <summary>What following a claim's confirmation link did.</summary>
public enum EmailLinkOutcome
{
    Confirmed,

    /// <summary>Not this claim's link, or a link replaced by a newer one.</summary>
    Invalid,

    Expired,

    /// <summary>The link was followed before: each works once.</summary>
    AlreadyUsed,
}

/// <summary>
/// A user's claim to manage a station, with its evidence: an address at the station's website domain (confirmed by a
/// single-use link mailed there, of which only a hash is kept), a phone number and a note. An admin approves or
/// rejects it; who decided, when and why stay on the claim, for the claimant and for admins.
/// </summary>
public sealed class StationClaim
{
    public const int MaxEmailLength = 256;
    public const int MaxPhoneLength = 40;
    public const int MaxNoteLength = 1000;
    public const int MaxReasonLength = 500;

    /// <summary>How long a confirmation link works.</summary>
    public static readonly TimeSpan EmailLinkLifetime = TimeSpan.FromHours(24);

    private StationClaim(Guid id, Guid recipientId, string userId, string email, string phone, string note, DateTimeOffset submittedAt)
    {
        Id = id;
        RecipientId = recipientId;
        UserId = userId;
        Email = email;
        Phone = phone;
        Note = note;
        SubmittedAt = submittedAt;
        Status = StationClaimStatus.AwaitingEmail;
    }

    public Guid Id { get; private set; }

    public Guid RecipientId { get; private set; }

    /// <summary>The claimant's account.</summary>
    public string UserId { get; private set; }

    /// <summary>The address at the station's domain that the confirmation link was mailed to.</summary>
    public string Email { get; private set; }

    public string Phone { get; private set; }

    public string Note { get; private set; }

    public StationClaimStatus Status { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>SHA-256 of the confirmation link's token (hex); null once followed, or before the first is mailed.</summary>
    public string? EmailTokenHash { get; private set; }

    public DateTimeOffset? EmailLinkExpiresAt { get; private set; }

    public DateTimeOffset? EmailConfirmedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The admin who approved or rejected it.</summary>
    public string? DecidedBy { get; private set; }

    /// <summary>Why it was rejected (or a note on its approval).</summary>
    public string? DecisionReason { get; private set; }

    /// <summary>Changes with every transition, so two admins deciding the same claim at once cannot both succeed.</summary>
    public int Version { get; private set; }

    /// <summary>Awaiting its email or an admin: the claimant cannot claim the same station again meanwhile.</summary>
    public bool IsOpen => Status is StationClaimStatus.AwaitingEmail or StationClaimStatus.Pending;

    public static StationClaim Submit(Guid recipientId, string userId, string email, string phone, string? note, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(phone);
        return new StationClaim(Guid.CreateVersion7(at), recipientId, userId, email.Trim(), phone.Trim(), note?.Trim() ?? "", at);
    }

    /// <summary>A new link is mailed: the one before it stops working.</summary>
    public void IssueEmailLink(string tokenHash, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        Require(Status == StationClaimStatus.AwaitingEmail, "A link is mailed only while the address is unconfirmed.");
        EmailTokenHash = tokenHash;
        EmailLinkExpiresAt = at + EmailLinkLifetime;
        Version++;
    }

    public EmailLinkOutcome ConfirmEmail(string tokenHash, DateTimeOffset at)
    {
        if (EmailConfirmedAt is not null)
        {
            return EmailLinkOutcome.AlreadyUsed;
        }

        if (Status != StationClaimStatus.AwaitingEmail || EmailTokenHash is null || !string.Equals(EmailTokenHash, tokenHash, StringComparison.Ordinal))
        {
            return EmailLinkOutcome.Invalid;
        }

        if (at > EmailLinkExpiresAt)
        {
            return EmailLinkOutcome.Expired;
        }

        EmailTokenHash = null;
        EmailConfirmedAt = at;
        Status = StationClaimStatus.Pending;
        Version++;
        return EmailLinkOutcome.Confirmed;
    }

    public void Approve(string adminId, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(adminId);
        Require(Status == StationClaimStatus.Pending, "Only a claim whose address is confirmed and that waits for an admin can be approved.");
        Decide(StationClaimStatus.Approved, adminId, null, at);
    }

    /// <summary>Refuses an open claim, confirmed or not, with the reason the claimant is shown.</summary>
    public void Reject(string adminId, string reason, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(adminId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Require(IsOpen, "Only an open claim can be rejected.");
        reason = reason.Trim();
        Decide(StationClaimStatus.Rejected, adminId, reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason, at);
    }

    private void Decide(StationClaimStatus status, string adminId, string? reason, DateTimeOffset at)
    {
        Status = status;
        DecidedBy = adminId;
        DecidedAt = at;
        DecisionReason = reason;
        EmailTokenHash = null;
        Version++;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
