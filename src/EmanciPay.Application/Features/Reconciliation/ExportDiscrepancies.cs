using EmanciPay.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Reconciliation;

/// <summary>Every discrepancy a run found, streamed from the database as the CSV is written (never all in memory).</summary>
public static class ExportDiscrepancies
{
    [AllowedFor(Sender.Finance)]
    public sealed record Query(Guid RunId) : IQuery<IAsyncEnumerable<DiscrepancyView>>;

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, IAsyncEnumerable<DiscrepancyView>>
    {
        public async ValueTask<IAsyncEnumerable<DiscrepancyView>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!await db.ReconciliationRuns.AnyAsync(r => r.Id == query.RunId, cancellationToken))
            {
                throw new NotFoundException("Reconciliation", query.RunId.ToString());
            }

            return Stream(query.RunId);
        }

        private async IAsyncEnumerable<DiscrepancyView> Stream(Guid runId)
        {
            await foreach (var found in db.Discrepancies.AsNoTracking().Where(d => d.LastRunId == runId).OrderBy(d => d.OccurredAt).ThenBy(d => d.Id).AsAsyncEnumerable())
            {
                yield return ReconciliationViews.View(found);
            }
        }
    }
}
