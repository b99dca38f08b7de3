namespace EmanciPay.Application.Features.Portal;

/// <summary>What the portal needs of user accounts (Identity's, in Infrastructure): addresses, the manager role, and invitation links.</summary>
public interface IManagerAccounts
{
    /// <summary>The account addresses of these users, by user id; users with none are left out.</summary>
    Task<IReadOnlyDictionary<string, string>> EmailsAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);

    /// <summary>The user's address, if they have confirmed it; null otherwise.</summary>
    Task<string?> ConfirmedEmailAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The user with this address, if any.</summary>
    Task<string?> UserIdByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>Gives the user the StationManager role, in the caller's transaction; a user who has it keeps it.</summary>
    Task GrantStationManagerRoleAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The absolute address of the page that accepts an invitation, built from the configured base address.</summary>
    Uri InvitationLink(string token);
}
