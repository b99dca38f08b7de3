using EmanciPay.Application.Common;
using EmanciPay.Domain.Payouts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Payouts;

/// <summary>Payouts above the approval limit waiting for finance, oldest first, with their station and whether the one asking requested them (and so cannot decide).</summary>
public static class ListPayoutsAwaitingApproval
{
    public const int MaxPayouts = 200;

    [AllowedFor(Sender.Finance)]
    public sealed record Query : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(PayoutView Payout, string StationName, string StationSlug, bool RequestedByYou);

    public sealed class Handler(IAppDbContext db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken)
        {
            var rows = await db.Payouts.AsNoTracking().Where(p => p.Status == PayoutStatus.AwaitingApproval)
                .OrderBy(p => p.RequestedAt).Take(MaxPayouts)
                .Join(db.Recipients, p => p.RecipientId, r => r.Id, (p, r) => new { Payout = p, r.Name, r.Slug })
                .ToListAsync(cancellationToken);
            return rows.Select(r => new Item(PayoutViews.View(r.Payout), r.Name, r.Slug, r.Payout.RequestedBy == user.UserId)).ToList();
        }
    }
}
