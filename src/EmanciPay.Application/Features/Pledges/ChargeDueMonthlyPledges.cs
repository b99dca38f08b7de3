using EmanciPay.Application.Common;
using EmanciPay.Domain.Pledges;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>The recurring sweep: every monthly pledge that is due gets its cycle charged in a job of its own.</summary>
public static class ChargeDueMonthlyPledges
{
    [AllowedFor(Sender.System)]
    public sealed record Command : ICommand;

    public sealed class Handler(IAppDbContext db, IBackgroundJobs jobs, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var due = await db.Pledges
                .Where(p => p.Frequency == PledgeFrequency.Monthly && p.Status == PledgeStatus.Active && p.NextChargeAt <= now)
                .Select(p => p.Id)
                .Take(1000)
                .ToListAsync(cancellationToken);
            foreach (var pledgeId in due)
            {
                jobs.EnqueueAfterCommit(new ChargeMonthlyCycle.Command(pledgeId));
            }

            return Unit.Value;
        }
    }
}
