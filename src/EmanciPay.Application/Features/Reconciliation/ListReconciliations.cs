using EmanciPay.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Reconciliation;

/// <summary>The latest runs, how many discrepancies are open, and the locked months.</summary>
public static class ListReconciliations
{
    [AllowedFor(Sender.Finance)]
    public sealed record Query : IQuery<Result>;

    public sealed record RunSummary(Guid Id, DateTimeOffset From, DateTimeOffset To, string Status, int Progress, long Matched, long Discrepancies, DateTimeOffset RequestedAt);

    public sealed record Result(IReadOnlyList<RunSummary> Runs, int OpenDiscrepancies, IReadOnlyList<DateOnly> LockedMonths);

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var runs = await db.ReconciliationRuns.AsNoTracking().OrderByDescending(r => r.RequestedAt).Take(20).ToListAsync(cancellationToken);
            var open = await db.Discrepancies.CountAsync(d => d.Status == Domain.Reconciliation.DiscrepancyStatus.Open, cancellationToken);
            var locked = await db.LedgerPeriodLocks.AsNoTracking().OrderByDescending(l => l.Month).Select(l => l.Month).Take(24).ToListAsync(cancellationToken);
            return new Result(
                runs.Select(r => new RunSummary(r.Id, r.From, r.To, ReconciliationViews.Name(r.Status), r.Progress, r.Matched, r.Discrepancies, r.RequestedAt)).ToList(),
                open,
                locked);
        }
    }
}
