using EmanciPay.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Terms;

/// <summary>A station's signed agreement to the listeners' terms, for anyone to read and check; null when it has none.</summary>
public static class GetStationAgreement
{
    [AllowedFor(Sender.Anonymous)]
    public sealed record Query(string Slug) : IQuery<AgreementView?>;

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, AgreementView?>
    {
        public async ValueTask<AgreementView?> Handle(Query query, CancellationToken cancellationToken)
        {
            var slug = query.Slug.ToLowerInvariant();
            var station = await db.Recipients.AsNoTracking().Where(r => r.Slug == slug && r.ListedAt != null).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Station", query.Slug);
            return await StationAgreements.CurrentAsync(db, station, cancellationToken) is { } agreement ? AgreementView.Of(agreement) : null;
        }
    }
}
