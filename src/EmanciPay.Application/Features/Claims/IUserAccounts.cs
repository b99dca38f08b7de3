namespace EmanciPay.Application.Features.Claims;

/// <summary>The accounts claims are about: their addresses, for admins to see, and the role an approved claim grants.</summary>
public interface IUserAccounts
{
    Task<IReadOnlyDictionary<string, string>> EmailsAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);

    /// <summary>Adds the role unless the user has it; in the current unit of work.</summary>
    Task AddRoleAsync(string userId, string role, CancellationToken cancellationToken);
}
