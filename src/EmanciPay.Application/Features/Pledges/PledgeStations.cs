using EmanciPay.Application.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>
/// The listed station a pledge is for, by slug. A pledge drive sends thousands of pledges a minute to one station, whose name
/// changes rarely, so a station found is remembered for a minute (a rename reaches new checkouts within that minute);
/// a slug not found (or not listed yet) is never remembered, so a station just listed can be pledged to at once. A
/// decline is forgotten at once on this node (<see cref="Forget"/>); another node's pledges that still get through
/// within its minute are refunded by the daily escrow sweep, which refunds a declined station's payments at any age.
/// </summary>
public sealed class PledgeStations(IMemoryCache cache)
{
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(1);

    /// <param name="DeclineReason">Set when the station said it will not join: it takes no pledges.</param>
    public sealed record Station(Guid Id, string Slug, string Name, string CallSign, string? DeclineReason);

    public async ValueTask<Station?> FindAsync(IAppDbContext db, string slug, CancellationToken cancellationToken)
    {
        var key = Key(slug);
        if (cache.TryGetValue(key, out Station? station))
        {
            return station;
        }

        station = await db.Recipients.AsNoTracking().Where(r => r.Slug == slug && r.ListedAt != null)
            .Select(r => new Station(r.Id, r.Slug, r.Name, r.CallSign, r.DeclinedAt == null ? null : r.DeclineReason)).SingleOrDefaultAsync(cancellationToken);
        if (station is not null)
        {
            cache.Set(key, station, Remembered);
        }

        return station;
    }

    public void Forget(string slug) => cache.Remove(Key(slug));

    private static (Type, string) Key(string slug) => (typeof(PledgeStations), slug);
}
