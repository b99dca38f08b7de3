using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Escrow;

/// <summary>
/// The daily sweep for reminders: every payment still held for a station that has not claimed it, whose next reminder
/// (14, then 2 days before its deadline) is due, gets a job of its own. The database says what is due; the job skips
/// what was sent since.
/// </summary>
public static class RemindUnclaimedDeadlines
{
    public const int MaxPerSweep = 1000;

    [AllowedFor(Sender.System)]
    public sealed record Command : ICommand;

    public sealed class Handler(IAppDbContext db, IBackgroundJobs jobs, IOptions<PledgeOptions> options, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var hold = options.Value.UnclaimedHoldDays;

            // Paid after this, a payment's deadline is still ahead; paid before these, its first or second reminder is due.
            var stillHeld = now.AddDays(-hold);
            var firstDue = now.AddDays(SendDeadlineReminder.DaysBefore[0] - hold);
            var secondDue = now.AddDays(SendDeadlineReminder.DaysBefore[1] - hold);
            var due = await (
                    from payment in db.Payments
                    where payment.Disposal == ExpiryDisposal.None && payment.RefundedAt == null && payment.PaidAt > stillHeld
                        && ((payment.DeadlineReminders == 0 && payment.PaidAt <= firstDue) || (payment.DeadlineReminders == 1 && payment.PaidAt <= secondDue))
                    join pledge in db.Pledges on payment.PledgeId equals pledge.Id
                    join station in db.Recipients on pledge.RecipientId equals station.Id
                    where station.ClaimedAt == null && station.DeclinedAt == null
                    orderby payment.PaidAt
                    select payment.Id)
                .Take(MaxPerSweep)
                .ToListAsync(cancellationToken);
            foreach (var paymentId in due)
            {
                jobs.EnqueueAfterCommit(new SendDeadlineReminder.Command(paymentId));
            }

            return Unit.Value;
        }
    }
}
