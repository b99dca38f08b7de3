using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Pledges;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>The pledge a receipt's cancel link names, if the link's token is genuine.</summary>
public static class GetPledgeToCancel
{
    [AllowedFor(Sender.PledgeOwner)]
    public sealed record Query(Guid PledgeId, string Token) : IQuery<Result?>, IPledgeCancelLinkMessage;

    public sealed record Result(Guid PledgeId, string StationName, long Amount, string Currency, PledgeStatus Status, DateTimeOffset? NextChargeAt);

    public sealed class Handler(IAppDbContext db, IPledgeCancelTokens tokens) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!tokens.Verify(query.PledgeId, query.Token))
            {
                return null;
            }

            var found = await db.Pledges.AsNoTracking()
                .Where(p => p.Id == query.PledgeId && p.Frequency == PledgeFrequency.Monthly)
                .Join(db.Recipients, p => p.RecipientId, r => r.Id, (p, r) => new { Pledge = p, r.Name })
                .SingleOrDefaultAsync(cancellationToken);
            return found is null
                ? null
                : new Result(found.Pledge.Id, found.Name, found.Pledge.Amount, found.Pledge.Currency.Code.ToLowerInvariant(), found.Pledge.Status, found.Pledge.NextChargeAt);
        }
    }
}
