using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Portal;
using EmanciPay.Infrastructure.Payments;
using EmanciPay.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Infrastructure.Identity;

/// <summary>The portal's view of Identity's users, read from the same context (and transaction) as the command's own rows.</summary>
internal sealed class ManagerAccounts(AppDbContext db, UserManager<AppUser> users, AppBaseAddress baseAddress) : IManagerAccounts
{
    public async Task<IReadOnlyDictionary<string, string>> EmailsAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id) && u.Email != null)
            .ToDictionaryAsync(u => u.Id, u => u.Email!, cancellationToken);

    public Task<string?> ConfirmedEmailAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId && u.EmailConfirmed).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);

    public Task<string?> UserIdByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalised = users.NormalizeEmail(email);
        return db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalised).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task GrantStationManagerRoleAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException($"User {userId} does not exist.");
        if (!await users.IsInRoleAsync(user, Roles.StationManager))
        {
            var added = await users.AddToRoleAsync(user, Roles.StationManager);
            if (!added.Succeeded)
            {
                throw new InvalidOperationException($"User {userId} could not be given the {Roles.StationManager} role: {string.Join(", ", added.Errors.Select(e => e.Code))}.");
            }
        }
    }

    public Uri InvitationLink(string token) => baseAddress.Resolve($"manage/invitations/accept?token={Uri.EscapeDataString(token)}");
}
