using EmanciPay.Application.Common;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Payouts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Payouts;

/// <summary>
/// A station's payouts, newest first, with what its escrow has available per currency, its schedules, whether Stripe
/// lets it be paid, and whether it has agreed to its listeners' terms (no payout until it has).
/// </summary>
public static class ListPayouts
{
    public const int MaxPayouts = 200;

    [AllowedFor(Sender.StationManager)]
    public sealed record Query(Guid StationId) : IQuery<Result>, IStationMessage;

    public sealed record Available(string Currency, long Amount, long Reserved);

    /// <summary>A schedule; <paramref name="SetAsideReason"/> says why its latest due date paid nothing though there was enough.</summary>
    public sealed record Schedule(string Currency, PayoutFrequency Frequency, long MinimumAmount, DateTimeOffset NextDueAt, string? SetAsideReason, DateTimeOffset? SetAsideAt);

    public sealed record Result(bool PayoutsEnabled, bool TermsAgreed, IReadOnlyList<Available> Escrow, IReadOnlyList<Schedule> Schedules, IReadOnlyList<PayoutView> Payouts);

    public sealed class Handler(IAppDbContext db, LedgerBook ledger) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var enabled = await db.ConnectedAccounts.AnyAsync(a => a.RecipientId == query.StationId && a.PayoutsEnabled, cancellationToken);
            var escrow = (await ledger.EscrowBalancesAsync(query.StationId, cancellationToken))
                .Select(e => new Available(e.Account.Currency.Code.ToLowerInvariant(), e.Balance.AvailableCredit, e.Balance.DebitsPending)).ToList();

            var schedules = (await db.PayoutSchedules.AsNoTracking().Where(s => s.RecipientId == query.StationId).ToListAsync(cancellationToken))
                .Select(s => new Schedule(s.Currency.Code.ToLowerInvariant(), s.Frequency, s.MinimumAmount, s.NextDueAt, s.SetAsideReason, s.SetAsideAt)).ToList();
            var payouts = await db.Payouts.AsNoTracking().Where(p => p.RecipientId == query.StationId)
                .OrderByDescending(p => p.RequestedAt).ThenByDescending(p => p.Id).Take(MaxPayouts).ToListAsync(cancellationToken);
            return new Result(enabled, await PayoutTerms.AgreedAsync(db, query.StationId, cancellationToken), escrow, schedules, payouts.Select(PayoutViews.View).ToList());
        }
    }
}
