using EmanciPay.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Record;

/// <summary>
/// The January sweep: every listener with gifts posted to the ledger last year (as their statement counts them) whose statement mail has not gone out (nor been
/// refused, nor failed too recently to try again) gets a job of its own. It runs hourly through January, so a listener
/// whose mail failed for now is tried again; the job skips what was sent since.
/// </summary>
public static class MailYearEndStatements
{
    public const int MaxPerSweep = 1000;

    [AllowedFor(Sender.System)]
    public sealed record Command : ICommand;

    public sealed class Handler(IAppDbContext db, IBackgroundJobs jobs, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var year = now.Year - 1;
            var start = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var end = start.AddYears(1);
            var due = await (
                    from pledge in db.Pledges
                    where pledge.ListenerId != null
                        && db.Payments.Any(p => p.PledgeId == pledge.Id && db.JournalEntries.Any(e => e.Id == p.JournalEntryId && e.PostedAt >= start && e.PostedAt < end))
                        && !db.StatementMailings.Any(m => m.ListenerId == pledge.ListenerId && m.Year == year
                            && (m.SentAt != null || m.FailedAt != null || m.NextAttemptAt > now))
                    select pledge.ListenerId!)
                .Distinct()
                .OrderBy(id => id)
                .Take(MaxPerSweep)
                .ToListAsync(cancellationToken);
            foreach (var listenerId in due)
            {
                jobs.EnqueueAfterCommit(new SendYearEndStatement.Command(listenerId, year));
            }

            return Unit.Value;
        }
    }
}
