using EmanciPay.Application.Common;
using EmanciPay.Domain.Payouts;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Payouts;

/// <summary>
/// The recurring sweep (every minute): the database, not the job queue, says which payouts are unfinished. It enqueues
/// the transfer job again for each approved payout whose job never finished (lost with an in-memory queue, or its
/// worker died), each attempt not finished long after it started, and each retry now due; and the scheduled payouts due.
/// </summary>
public static class SweepPayouts
{
    public const int MaxPerRun = 500;

    [AllowedFor(Sender.System)]
    public sealed record Command : ICommand, IRoutinePoll;

    public sealed class Handler(IAppDbContext db, IBackgroundJobs jobs, IOptions<PayoutOptions> options, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var stuckSince = now - options.Value.StuckAfter;
            var due = await db.Payouts.AsNoTracking()
                .Where(p => (p.Status == PayoutStatus.Approved && p.ApprovedAt <= stuckSince)
                    || (p.Status == PayoutStatus.Transferring && (p.RetryAt == null ? p.LastAttemptAt <= stuckSince : p.RetryAt <= now)))
                .OrderBy(p => p.Id).Select(p => p.Id).Take(MaxPerRun).ToListAsync(cancellationToken);
            foreach (var id in due)
            {
                jobs.EnqueueAfterCommit(new TransferPayout.Command(id));
            }

            var schedules = await db.PayoutSchedules.AsNoTracking().Where(s => s.NextDueAt <= now)
                .OrderBy(s => s.NextDueAt).Select(s => new { s.RecipientId, s.Currency }).Take(MaxPerRun).ToListAsync(cancellationToken);
            foreach (var schedule in schedules)
            {
                jobs.EnqueueAfterCommit(new RequestScheduledPayout.Command(schedule.RecipientId, schedule.Currency.Code));
            }

            return Unit.Value;
        }
    }
}
