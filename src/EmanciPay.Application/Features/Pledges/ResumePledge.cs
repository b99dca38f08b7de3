using EmanciPay.Application.Common;
using EmanciPay.Domain.Pledges;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>
/// A paused pledge runs again from the next basket; a monthly one is charged one month there, never the months it was
/// paused. Confirmed by mail. Resuming a pledge that is not paused changes nothing and mails nothing.
/// </summary>
public static class ResumePledge
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
                throw ChangePledge.Refusal(nameof(Command.PledgeId), "Only an active monthly or per-use pledge can be resumed.");
            }

            if (pledge.PausedAt is not null)
            {
                pledge.Resume(clock.GetUtcNow());
                jobs.EnqueueAfterCommit(new SendPledgeChanged.Command(pledge.Id, SendPledgeChanged.Change.Resumed));
            }

            return ChangePledge.Result.Of(pledge);
        }
    }
}
