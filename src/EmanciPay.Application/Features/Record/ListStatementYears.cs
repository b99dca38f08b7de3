using EmanciPay.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Record;

/// <summary>The calendar years (UTC) in which the listener's payments were made, newest first: the statements they can read.</summary>
public static class ListStatementYears
{
    [AllowedFor(Sender.Listener)]
    public sealed record Query(string ListenerId) : IQuery<IReadOnlyList<int>>;

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, IReadOnlyList<int>>
    {
        public async ValueTask<IReadOnlyList<int>> Handle(Query query, CancellationToken cancellationToken)
        {
            var paidAt = await db.Payments.Where(p => db.Pledges.Any(x => x.Id == p.PledgeId && x.ListenerId == query.ListenerId))
                .Select(p => p.PaidAt).ToListAsync(cancellationToken);
            return paidAt.Select(at => at.UtcDateTime.Year).Distinct().OrderDescending().ToList();
        }
    }
}
