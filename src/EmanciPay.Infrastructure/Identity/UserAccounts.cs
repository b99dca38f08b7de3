using EmanciPay.Application.Common;
using EmanciPay.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Infrastructure.Identity;

/// <summary>
/// Identity's tables read and changed through the command's own context, so a role granted by an approval commits
/// with it (UserManager would save on its own).
/// </summary>
internal sealed class UserAccounts(AppDbContext db, ILookupNormalizer normalizer) : IUserAccounts
{
    public async Task<IReadOnlyDictionary<string, string>> EmailsAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.UserName ?? u.Id, cancellationToken);

    public Task<string?> ConfirmedEmailAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId && u.EmailConfirmed).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);

    public Task<string?> UserIdByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = normalizer.NormalizeEmail(email);
        return db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> StationManagerEmailsAsync(Guid stationId, CancellationToken cancellationToken) =>
        await db.StationManagers.AsNoTracking().Where(m => m.RecipientId == stationId)
            .Join(db.Users.Where(u => u.EmailConfirmed && u.Email != null), m => m.UserId, u => u.Id, (_, u) => u.Email!)
            .OrderBy(email => email).ToListAsync(cancellationToken);

    public async Task AddRoleAsync(string userId, string role, CancellationToken cancellationToken)
    {
        var normalized = normalizer.NormalizeName(role);
        var roleId = await db.Roles.Where(r => r.NormalizedName == normalized).Select(r => r.Id).SingleAsync(cancellationToken);
        if (!await db.UserRoles.AnyAsync(ur => ur.UserId == userId && ur.RoleId == roleId, cancellationToken))
        {
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = userId, RoleId = roleId });
        }
    }
}
