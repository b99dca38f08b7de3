using EmanciPay.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Sharing;

/// <summary>The listener's sharing settings: their handle, whether the page is published, and each payment with whether it is shown.</summary>
public static class GetMySharing
{
    [AllowedFor(Sender.Listener)]
    public sealed record Query(string ListenerId) : IQuery<Result>;

    public sealed record Gift(Guid PaymentId, string Station, string StationName, DateTimeOffset PaidAt, long Amount, string Currency, bool Shown, bool ShowAmount);

    /// <param name="Handle">Null until the listener chooses one.</param>
    public sealed record Result(string? Handle, bool Published, IReadOnlyList<Gift> Gifts);

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var profile = await db.GiverProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.ListenerId == query.ListenerId, cancellationToken);
            var gifts = await db.Payments.AsNoTracking()
                .Join(db.Pledges.Where(pl => pl.ListenerId == query.ListenerId), p => p.PledgeId, pl => pl.Id, (p, pl) => new { p.Id, p.PaidAt, p.Gross, p.Currency, pl.RecipientId })
                .Join(db.Recipients, p => p.RecipientId, r => r.Id, (p, r) => new { p.Id, r.Slug, r.Name, p.PaidAt, p.Gross, p.Currency })
                .GroupJoin(db.SharedGifts, p => p.Id, s => s.PaymentId, (p, s) => new { Payment = p, Shared = s })
                .SelectMany(x => x.Shared.DefaultIfEmpty(), (x, s) => new { x.Payment, Shown = s != null, ShowAmount = s != null && s.ShowAmount })
                .ToListAsync(cancellationToken);
            return new Result(
                profile?.Handle,
                profile?.Published ?? false,
                gifts.OrderByDescending(g => g.Payment.PaidAt).Select(g => new Gift(g.Payment.Id, g.Payment.Slug, g.Payment.Name, g.Payment.PaidAt, g.Payment.Gross, g.Payment.Currency.Code.ToLowerInvariant(), g.Shown, g.ShowAmount)).ToList());
        }
    }
}
