using EmanciPay.Application.Common;
using EmanciPay.Application.Ledger;
using EmanciPay.Application.Payments;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Stations;

/// <summary>
/// One station: its details, whether it has claimed its escrow or declined to join, what waits there, and until when it
/// is held. A proposed station not yet listed is found by its proposer and admins only (404 for anybody else).
/// </summary>
public static class GetStation
{
    [AllowedFor(Sender.Anonymous)]
    public sealed record Query(string Slug) : IQuery<Result>;

    /// <summary>Per currency: what the station can be paid out, and what is reserved for payouts under way.</summary>
    public sealed record Escrow(string Currency, long Available, long Reserved);

    public sealed record Result(
        string Slug,
        string Name,
        string CallSign,
        string Frequency,
        string City,
        string State,
        string? Website,
        bool Claimed,
        IReadOnlyList<Escrow> Escrow,
        int SupporterCount,
        DateTimeOffset? HoldDeadlineForNewPledges,
        bool Listed,
        string? DeclineReason)
    {
        /// <summary>The station said it will not join: it takes no pledges and its escrow was refunded.</summary>
        public bool Declined => DeclineReason is not null;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Slug).NotEmpty().MaximumLength(40).WithoutControlCharacters();
    }

    public sealed class Handler(IAppDbContext db, ICurrentUser user, LedgerBook ledger, IOptions<PledgeOptions> options, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            // Slugs are stored lower case; "/stations/WNYC-FM" finds the same station.
            var slug = query.Slug.ToLowerInvariant();
            var station = await db.Recipients.AsNoTracking().SingleOrDefaultAsync(r => r.Slug == slug, cancellationToken)
                ?? throw new NotFoundException("Station", query.Slug);

            // A proposed station is nobody's business but its proposer's and the admins' until it is listed.
            var mayPeek = !user.IsSystem && user.UserId is { } userId && (station.ProposedBy == userId || (user.IsInRole(Roles.Admin) && user.SignedInWithTwoFactor));
            if (!station.IsListed && !mayPeek)
            {
                throw new NotFoundException("Station", query.Slug);
            }

            var escrow = (await ledger.EscrowBalancesAsync(station.Id, cancellationToken))
                .Select(e => new Escrow(e.Account.Currency.Code.ToLowerInvariant(), e.Balance.AvailableCredit, e.Balance.DebitsPending)).ToList();

            var supporters = await db.Payments.AsNoTracking()
                .Where(p => db.Pledges.Any(pl => pl.Id == p.PledgeId && pl.RecipientId == station.Id))
                .Select(p => p.PledgeId).Distinct().CountAsync(cancellationToken);
            return new Result(
                station.Slug, station.Name, station.CallSign, station.Frequency, station.City, station.State, station.Website,
                station.IsClaimed, escrow, supporters,
                station.IsClaimed || station.IsDeclined ? null : clock.GetUtcNow().AddDays(options.Value.UnclaimedHoldDays),
                station.IsListed,
                station.IsDeclined ? station.DeclineReason : null);
        }
    }
}
