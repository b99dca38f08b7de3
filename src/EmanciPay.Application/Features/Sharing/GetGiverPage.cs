using EmanciPay.Application.Common;
using EmanciPay.Domain.Sharing;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Sharing;

/// <summary>
/// A listener's public page of giving, for anyone: the gifts they chose to show, newest first, each amount only where
/// they chose. Nothing else about them (no name, no address). An unknown or unpublished handle is 404.
/// </summary>
public static class GetGiverPage
{
    [AllowedFor(Sender.Anonymous)]
    public sealed record Query(string Handle) : IQuery<Result>;

    /// <param name="Amount">In minor units; null unless the listener chose to show it.</param>
    public sealed record Gift(Guid Id, string Station, string StationName, DateTimeOffset GivenAt, long? Amount, string? Currency);

    public sealed record Result(string Handle, DateTimeOffset UpdatedAt, IReadOnlyList<Gift> Gifts);

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var handle = query.Handle.ToLowerInvariant();
            var profile = GiverProfile.IsHandle(handle)
                ? await db.GiverProfiles.AsNoTracking().Where(p => p.Handle == handle && p.Published).Select(p => new { p.ListenerId, p.Handle, p.UpdatedAt }).SingleOrDefaultAsync(cancellationToken)
                : null;
            if (profile is null)
            {
                throw new NotFoundException("Giver", "(handle)");
            }

            var gifts = await db.SharedGifts.AsNoTracking()
                .Where(s => s.ListenerId == profile.ListenerId)
                .Join(db.Payments, s => s.PaymentId, p => p.Id, (s, p) => new { s.ShowAmount, p.Id, p.PledgeId, p.PaidAt, p.Gross, p.Currency })
                .Join(db.Pledges.Where(pl => pl.ListenerId == profile.ListenerId), p => p.PledgeId, pl => pl.Id, (p, pl) => new { p.ShowAmount, p.Id, p.PaidAt, p.Gross, p.Currency, pl.RecipientId })
                .Join(db.Recipients, p => p.RecipientId, r => r.Id, (p, r) => new { p.ShowAmount, p.Id, p.PaidAt, p.Gross, p.Currency, r.Slug, r.Name })
                .ToListAsync(cancellationToken);
            return new Result(
                profile.Handle,
                profile.UpdatedAt,
                gifts.OrderByDescending(g => g.PaidAt).ThenByDescending(g => g.Id)
                    .Select(g => new Gift(g.Id, g.Slug, g.Name, g.PaidAt, g.ShowAmount ? g.Gross : null, g.ShowAmount ? g.Currency.Code.ToLowerInvariant() : null))
                    .ToList());
        }
    }
}
