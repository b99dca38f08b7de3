namespace EmanciPay.Domain.Recipients;

/// <summary>
/// A user who manages a station: made when their claim is approved, or when a manager of the station invites them.
/// A manager sees and acts for this station only.
/// </summary>
public sealed class StationManagerAssignment
{
    private StationManagerAssignment(Guid recipientId, string userId, string? addedBy, DateTimeOffset addedAt)
    {
        RecipientId = recipientId;
        UserId = userId;
        AddedBy = addedBy;
        AddedAt = addedAt;
    }

    public Guid RecipientId { get; private set; }

    public string UserId { get; private set; }

    /// <summary>The manager who invited this one; null when an approved claim made the assignment.</summary>
    public string? AddedBy { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }

    public static StationManagerAssignment FromApprovedClaim(Guid recipientId, string userId, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return new StationManagerAssignment(recipientId, userId, null, at);
    }

    public static StationManagerAssignment Invited(Guid recipientId, string userId, string invitedBy, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(invitedBy);
        return new StationManagerAssignment(recipientId, userId, invitedBy, at);
    }
}
