using EmanciPay.Application.Common;
using Mediator;

namespace EmanciPay.Application.Features.Terms;

/// <summary>For a station's managers: the station's agreement in force to the listeners' terms; null until one of them agrees.</summary>
public static class GetOwnAgreement
{
    [AllowedFor(Sender.StationManager)]
    public sealed record Query(Guid StationId) : IQuery<AgreementView?>, IStationMessage;

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, AgreementView?>
    {
        public async ValueTask<AgreementView?> Handle(Query query, CancellationToken cancellationToken) =>
            await StationAgreements.CurrentAsync(db, query.StationId, cancellationToken) is { } agreement ? AgreementView.Of(agreement) : null;
    }
}
