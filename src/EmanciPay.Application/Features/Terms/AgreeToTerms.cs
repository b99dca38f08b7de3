using EmanciPay.Application.Common;
using EmanciPay.Domain.Terms;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Terms;

/// <summary>
/// A manager of a station that claimed before the roster existed (or before a term's version changed) agrees, for the
/// station, to honour the listeners' terms. The agreement is signed with the app's key. Agreeing again while the
/// station's agreement covers today's roster changes nothing.
/// </summary>
public static class AgreeToTerms
{
    [AllowedFor(Sender.StationManager)]
    public sealed record Command(Guid StationId) : ICommand<AgreementView>, IStationMessage;

    public sealed class Handler(IAppDbContext db, ICurrentUser user, ITermsSigner signer, TimeProvider clock) : ICommandHandler<Command, AgreementView>
    {
        public async ValueTask<AgreementView> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await StationAgreements.CurrentAsync(db, command.StationId, cancellationToken) is { } current && current.CoversRoster())
            {
                return AgreementView.Of(current);
            }

            var station = await db.Recipients.AsNoTracking().SingleOrDefaultAsync(r => r.Id == command.StationId, cancellationToken)
                ?? throw new NotFoundException("Station", command.StationId.ToString());
            var agreement = AgreementPayload.Sign(signer, station, user.UserId!, clock.GetUtcNow());
            db.TermsAgreements.Add(agreement);
            return AgreementView.Of(agreement);
        }
    }
}
