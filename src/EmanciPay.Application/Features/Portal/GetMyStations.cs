using EmanciPay.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Portal;

/// <summary>The stations the signed-in user manages, by name: the portal's front page.</summary>
public static class GetMyStations
{
    [AllowedFor(Sender.SignedIn)]
    public sealed record Query : IQuery<IReadOnlyList<Station>>;

    public sealed record Station(Guid Id, string Slug, string Name, string CallSign, string City, string State, bool Claimed);

    public sealed class Handler(IAppDbContext db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<Station>>
    {
        public async ValueTask<IReadOnlyList<Station>> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = user.UserId!;
            var stations = await db.StationManagers.AsNoTracking()
                .Where(m => m.UserId == userId)
                .Join(db.Recipients, m => m.RecipientId, r => r.Id, (m, r) => new Station(r.Id, r.Slug, r.Name, r.CallSign, r.City, r.State, r.ClaimedAt != null))
                .ToListAsync(cancellationToken);
            return stations.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }
    }
}
