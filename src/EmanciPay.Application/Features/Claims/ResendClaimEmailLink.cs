using EmanciPay.Application.Common;
using EmanciPay.Domain.Recipients;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Claims;

/// <summary>The claimant asks for a new confirmation link (the mail was lost, or the link expired); the old one stops working.</summary>
public static class ResendClaimEmailLink
{
    [AllowedFor(Sender.Listener)]
    public sealed record Command(Guid ClaimId) : ICommand;

    public sealed class Handler(IAppDbContext db, ICurrentUser user, IBackgroundJobs jobs) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var claim = await db.StationClaims.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.ClaimId && c.UserId == user.UserId, cancellationToken)
                ?? throw new NotFoundException("Claim", command.ClaimId.ToString());
            if (claim.Status != StationClaimStatus.AwaitingEmail)
            {
                throw ClaimStatus.Refusal("claim", "This claim's address is already confirmed, or the claim was decided.");
            }

            jobs.EnqueueAfterCommit(new SendClaimEmailLink.Command(claim.Id));
            return Unit.Value;
        }
    }
}
