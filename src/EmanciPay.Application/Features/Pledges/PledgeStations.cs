using EmanciPay.Application.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>
/// The station a pledge is for, by slug. A pledge drive sends thousands of pledges a minute to one station, whose name
/// changes rarely, so a station found is remembered for a minute (a rename reaches new checkouts within that minute);
/// a slug not found is never remembered, so a station just listed can be pledged to at once.
/// </summary>
public sealed class PledgeStations(IMemoryCache cache)
{
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(1);

    public sealed record Station(Guid Id, string Slug, string Name, string CallSign);

    public async ValueTask<Station?> FindAsync(IAppDbContext db, string slug, CancellationToken cancellationToken)
    {
        var key = (typeof(PledgeStations), slug);
        if (cache.TryGetValue(key, out Station? station))
        {
            return station;
        }

        station = await db.Recipients.AsNoTracking().Where(r => r.Slug == slug)
            .Select(r => new Station(r.Id, r.Slug, r.Name, r.CallSign)).SingleOrDefaultAsync(cancellationToken);
        if (station is not null)
        {
            cache.Set(key, station, Remembered);
        }

        return station;
    }
}
