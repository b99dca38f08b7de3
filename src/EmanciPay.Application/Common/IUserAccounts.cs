namespace EmanciPay.Application.Common;

/// <summary>
/// What features need of people's accounts (Identity's, in Infrastructure), read and changed through the request's own
/// context, so a role granted with an approval or an invitation commits with it.
/// </summary>
public interface IUserAccounts
{
    /// <summary>The addresses of these users, by user id, for showing who did what.</summary>
    Task<IReadOnlyDictionary<string, string>> EmailsAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);

    /// <summary>The user's address, if they have confirmed it; null otherwise.</summary>
    Task<string?> ConfirmedEmailAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The user with this address, if any.</summary>
    Task<string?> UserIdByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>The confirmed addresses of a station's managers, for its notices.</summary>
    Task<IReadOnlyList<string>> StationManagerEmailsAsync(Guid stationId, CancellationToken cancellationToken);

    /// <summary>Adds the role unless the user has it, in the current unit of work.</summary>
    Task AddRoleAsync(string userId, string role, CancellationToken cancellationToken);
}
