using EmanciPay.Application.Common;
using EmanciPay.Domain.Ledger;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Ledger;

/// <summary>
/// Seals committed entries onto the hash chain (<see cref="LedgerSeal"/>), a batch at a time, in time order. Posting
/// never waits for this: the chain head is taken here, by one job, and two sealers racing for the same position meet
/// the unique key, so the loser runs again from the new head.
/// </summary>
public static class SealLedgerEntries
{
    /// <summary>
    /// How far before the last sealed entry's time unsealed entries are looked for: an entry commits within moments of
    /// its time, and the clocks of several nodes differ by less. Older unsealed entries are the integrity check's to report.
    /// </summary>
    public static readonly TimeSpan LateCommitMargin = TimeSpan.FromHours(1);

    /// <returns>How many entries were sealed; fewer than the batch size means none is left.</returns>
    [AllowedFor(Sender.System)]
    public sealed record Command(int BatchSize = 1000) : ICommand<int>, IRoutinePoll;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.BatchSize).InclusiveBetween(1, 10_000);
    }

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var head = await db.LedgerSeals.AsNoTracking().OrderByDescending(s => s.Position).FirstOrDefaultAsync(cancellationToken);
            var headTime = head is null ? null : await db.JournalEntries.Where(e => e.Id == head.EntryId).Select(e => (DateTimeOffset?)e.PostedAt).FirstOrDefaultAsync(cancellationToken);
            var unsealed = db.JournalEntries.AsNoTracking().Where(e => !db.LedgerSeals.Any(s => s.EntryId == e.Id));
            if (headTime is { } since)
            {
                var from = since - LateCommitMargin;
                unsealed = unsealed.Where(e => e.PostedAt >= from);
            }

            var entries = await unsealed.Include(e => e.Transfers.OrderBy(t => t.Sequence))
                .OrderBy(e => e.PostedAt).ThenBy(e => e.Id)
                .Take(command.BatchSize)
                .ToListAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var previous = head;
            foreach (var entry in entries)
            {
                previous = LedgerSeal.After(previous, entry, now);
                db.LedgerSeals.Add(previous);
            }

            return entries.Count;
        }
    }
}
