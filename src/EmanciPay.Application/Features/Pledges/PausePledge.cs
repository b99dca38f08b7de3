using EmanciPay.Application.Common;
using EmanciPay.Domain.Pledges;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>
/// The listener pauses a monthly or per-use pledge for as long as they like: baskets leave it out until they resume it
/// (<see cref="ResumePledge"/>). Confirmed by mail. Pausing a paused pledge changes nothing and mails nothing.
/// </summary>
public static class PausePledge
{
    [AllowedFor(Sender.PledgeOwner)]
    public sealed record Command(Guid PledgeId) : ICommand<ChangePledge.Result>, IPledgeMessage;

    public sealed class Handler(IAppDbContext db, IBackgroundJobs jobs, TimeProvider clock) : ICommandHandler<Command, ChangePledge.Result>
    {
        public async ValueTask<ChangePledge.Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var pledge = await db.Pledges.SingleOrDefaultAsync(p => p.Id == command.PledgeId, cancellationToken)
                ?? throw new NotFoundException("Pledge", command.PledgeId.ToString());
            if (pledge.Status != PledgeStatus.Active || pledge.Frequency == PledgeFrequency.OneTime)
            {
                throw ChangePledge.Refusal(nameof(Command.PledgeId), "Only an active monthly or per-use pledge can be paused.");
            }

            if (pledge.PausedAt is null)
            {
                pledge.Pause(clock.GetUtcNow());
                jobs.EnqueueAfterCommit(new SendPledgeChanged.Command(pledge.Id, SendPledgeChanged.Change.Paused));
            }

            return ChangePledge.Result.Of(pledge);
        }
    }
}
