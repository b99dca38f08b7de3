using EmanciPay.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Reconciliation;

/// <summary>A run: its progress, counts per reporting category, and the discrepancies it found (at most 1,000; the CSV has all).</summary>
public static class GetReconciliation
{
    public const int MaxListed = 1000;

    [AllowedFor(Sender.Finance)]
    public sealed record Query(Guid RunId) : IQuery<ReconciliationView>;

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, ReconciliationView>
    {
        public async ValueTask<ReconciliationView> Handle(Query query, CancellationToken cancellationToken)
        {
            var run = await db.ReconciliationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == query.RunId, cancellationToken)
                ?? throw new NotFoundException("Reconciliation", query.RunId.ToString());
            var categories = await db.ReconciliationCategories.AsNoTracking().Where(c => c.RunId == run.Id).OrderBy(c => c.Category)
                .Select(c => new CategoryView(c.Category, c.StripeItems, c.LedgerItems, c.Matched, c.Discrepancies))
                .ToListAsync(cancellationToken);
            var discrepancies = await db.Discrepancies.AsNoTracking().Where(d => d.LastRunId == run.Id)
                .OrderBy(d => d.OccurredAt).ThenBy(d => d.Id).Take(MaxListed)
                .ToListAsync(cancellationToken);
            return new ReconciliationView(
                run.Id, run.From, run.To, ReconciliationViews.Name(run.Status), run.Progress, run.Step, run.StripeSource,
                run.StripeItems, run.LedgerItems, run.Matched, run.Discrepancies, run.RequestedAt, run.FinishedAt, run.Failure,
                categories, discrepancies.Select(ReconciliationViews.View).ToList());
        }
    }
}
