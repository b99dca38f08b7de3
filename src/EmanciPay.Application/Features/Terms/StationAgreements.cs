using EmanciPay.Application.Common;
using EmanciPay.Domain.Terms;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Terms;

/// <summary>A station's agreement in force: the newest one made by someone who manages it now (a rejected claimant's does not count).</summary>
public static class StationAgreements
{
    public static Task<TermsAgreement?> CurrentAsync(IAppDbContext db, Guid stationId, CancellationToken cancellationToken) =>
        db.TermsAgreements.AsNoTracking()
            .Where(a => a.RecipientId == stationId && db.StationManagers.Any(m => m.RecipientId == stationId && m.UserId == a.UserId))
            .OrderByDescending(a => a.AgreedAt).ThenByDescending(a => a.Id)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The current agreement of each station, by station id, for those that have one.</summary>
    public static async Task<Dictionary<Guid, TermsAgreement>> CurrentAsync(IAppDbContext db, IReadOnlyCollection<Guid> stationIds, CancellationToken cancellationToken)
    {
        var agreements = await db.TermsAgreements.AsNoTracking()
            .Where(a => stationIds.Contains(a.RecipientId) && db.StationManagers.Any(m => m.RecipientId == a.RecipientId && m.UserId == a.UserId))
            .ToListAsync(cancellationToken);
        return agreements.GroupBy(a => a.RecipientId).ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.AgreedAt).ThenByDescending(a => a.Id).First());
    }
}
