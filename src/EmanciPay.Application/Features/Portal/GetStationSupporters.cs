using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Terms;
using EmanciPay.Domain.Pledges;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Portal;

/// <summary>
/// A station's supporters, for its managers: one line per pledge paid at least once, newest first, each showing the
/// listener only as their current terms allow, with the terms the station must honour (no contact, no sharing, no
/// thank-you gifts, no asks this year). Lines are per pledge, never per person, so an anonymous gift is never set
/// beside the same listener's named one.
/// </summary>
public static class GetStationSupporters
{
    [AllowedFor(Sender.StationManager)]
    public sealed record Query(Guid StationId) : IQuery<IReadOnlyList<Supporter>>, IStationMessage;

    /// <param name="Amount">What the listener pledged per payment, in minor units of <paramref name="Currency"/>.</param>
    /// <param name="Frequency">one-time or monthly.</param>
    public sealed record Supporter(
        bool Anonymous, string? Name, string? Email, string? PostalAddress, string? Message,
        bool NoContact, bool NoSharing, bool NoGifts, bool NoAsksThisYear,
        string Frequency, string Currency, long Amount, int Payments, DateTimeOffset? FirstPaidAt);

    public sealed class Handler(IAppDbContext db, IUserAccounts accounts, TimeProvider clock) : IQueryHandler<Query, IReadOnlyList<Supporter>>
    {
        public async ValueTask<IReadOnlyList<Supporter>> Handle(Query query, CancellationToken cancellationToken)
        {
            var pledges = await db.Pledges.AsNoTracking()
                .Where(p => p.RecipientId == query.StationId && db.Payments.Any(x => x.PledgeId == p.Id))
                .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
                .ToListAsync(cancellationToken);
            var views = await StationSupporters.ForPledgesAsync(db, accounts, clock.GetUtcNow(), pledges, cancellationToken);
            return [.. pledges.Select(p =>
            {
                var v = views[p.Id];
                return new Supporter(v.Anonymous, v.Name, v.Email, v.PostalAddress, v.Message, v.NoContact, v.NoSharing, v.NoGifts, v.NoAsksThisYear,
                    p.Frequency == PledgeFrequency.Monthly ? "monthly" : "one-time", p.Currency.Code.ToLowerInvariant(), p.Amount, p.PaymentsCount, p.PaidAt);
            })];
        }
    }
}
