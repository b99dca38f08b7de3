using EmanciPay.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>The stations a listener may choose to receive a gift its own station never claims: those that have claimed their escrow, by name.</summary>
public static class ListFallbackStations
{
    public const int MaxStations = 500;

    [AllowedFor(Sender.Anonymous)]
    public sealed record Query : IQuery<IReadOnlyList<Station>>;

    public sealed record Station(string Slug, string Name, string CallSign);

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, IReadOnlyList<Station>>
    {
        public async ValueTask<IReadOnlyList<Station>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Recipients.AsNoTracking()
                .Where(r => r.ClaimedAt != null && r.ListedAt != null && r.DeclinedAt == null)
                .OrderBy(r => r.Name).ThenBy(r => r.Slug)
                .Select(r => new Station(r.Slug, r.Name, r.CallSign))
                .Take(MaxStations)
                .ToListAsync(cancellationToken);
    }
}
