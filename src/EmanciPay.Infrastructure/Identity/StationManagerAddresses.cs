using EmanciPay.Application.Features.Payouts;
using EmanciPay.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Infrastructure.Identity;

/// <summary>The confirmed addresses of a station's managers' accounts.</summary>
internal sealed class StationManagerAddresses(AppDbContext db) : IStationManagerAddresses
{
    public async Task<IReadOnlyList<string>> OfStationAsync(Guid stationId, CancellationToken cancellationToken) =>
        await db.StationManagers.AsNoTracking().Where(m => m.RecipientId == stationId)
            .Join(db.Users.Where(u => u.EmailConfirmed && u.Email != null), m => m.UserId, u => u.Id, (_, u) => u.Email!)
            .OrderBy(email => email).ToListAsync(cancellationToken);
}
