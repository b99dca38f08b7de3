using EmanciPay.Application.Features.Claims;
using EmanciPay.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Infrastructure.Identity;

/// <summary>
/// Identity's tables read and changed through the command's own context, so a role granted by an approval commits
/// with it (UserManager would save on its own).
/// </summary>
internal sealed class UserAccounts(AppDbContext db) : IUserAccounts
{
    public async Task<IReadOnlyDictionary<string, string>> EmailsAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.UserName ?? u.Id, cancellationToken);

    public async Task AddRoleAsync(string userId, string role, CancellationToken cancellationToken)
    {
        var normalized = role.ToUpperInvariant();
        var roleId = await db.Roles.Where(r => r.NormalizedName == normalized).Select(r => r.Id).SingleAsync(cancellationToken);
        if (!await db.UserRoles.AnyAsync(ur => ur.UserId == userId && ur.RoleId == roleId, cancellationToken))
        {
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = userId, RoleId = roleId });
        }
    }
}
