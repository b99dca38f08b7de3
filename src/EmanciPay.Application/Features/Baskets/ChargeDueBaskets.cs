using EmanciPay.Application.Common;
using EmanciPay.Domain.Baskets;
using EmanciPay.Domain.Pledges;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Baskets;

/// <summary>
/// The recurring sweep: once a month's listening log has closed, every listener with something due gets their basket
/// charged in a job of their own; so do baskets whose retry is due and attempts that died under way.
/// </summary>
public static class ChargeDueBaskets
{
    /// <summary>An attempt still under way after this long died with its job; it is tried again with the same key.</summary>
    public static readonly TimeSpan StuckAttempt = TimeSpan.FromMinutes(15);

    [AllowedFor(Sender.System)]
    public sealed record Command : ICommand;

    public sealed class Handler(IAppDbContext db, IBackgroundJobs jobs, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var period = BasketItems.DuePeriod(now);
            var closes = BasketItems.ChargedAt(period);
            var from = BasketItems.Start(period);
            var to = from.AddMonths(1);
            var opened = db.Baskets.Where(b => b.Period == period).Select(b => b.ListenerId);
            var listeners = await db.Pledges
                .Where(p => p.ListenerId != null && !opened.Contains(p.ListenerId) && (
                    (p.Frequency == PledgeFrequency.Monthly && p.Status == PledgeStatus.Active && p.PausedAt == null && p.NextChargeAt <= closes)
                    || (p.InBasket && p.Status == PledgeStatus.Pending && p.CreatedAt < closes)
                    || (p.Frequency == PledgeFrequency.PerUse && p.Status == PledgeStatus.Active && p.PausedAt == null
                        && db.ListeningSessions.Any(s => s.ListenerId == p.ListenerId && s.RecipientId == p.RecipientId && s.StartedAt >= from && s.StartedAt < to))))
                .Select(p => p.ListenerId!)
                .Union(db.Baskets.Where(b => b.Status == BasketStatus.RolledOver && !b.CarriedForward && b.Period < period && !opened.Contains(b.ListenerId)).Select(b => b.ListenerId))
                .Take(1000)
                .ToListAsync(cancellationToken);
            foreach (var listenerId in listeners)
            {
                jobs.EnqueueAfterCommit(new ChargeBasket.Command(listenerId, period));
            }

            var stuckSince = now - StuckAttempt;
            var again = await db.Baskets
                .Where(b => (b.Status == BasketStatus.Retrying && b.NextAttemptAt <= now) || (b.Status == BasketStatus.Charging && b.AttemptStartedAt < stuckSince))
                .Select(b => new { b.ListenerId, b.Period })
                .Distinct()
                .Take(1000)
                .ToListAsync(cancellationToken);
            foreach (var basket in again)
            {
                jobs.EnqueueAfterCommit(new ChargeBasket.Command(basket.ListenerId, basket.Period));
            }

            var unnoticed = await db.Baskets
                .Where(b => (b.Status == BasketStatus.RolledOver || b.Status == BasketStatus.Paused) && b.NoticeSentAt == null && b.CreatedAt < stuckSince)
                .Select(b => b.Id)
                .Take(1000)
                .ToListAsync(cancellationToken);
            foreach (var basketId in unnoticed)
            {
                jobs.EnqueueAfterCommit(new SendBasketNotice.Command(basketId));
            }

            return Unit.Value;
        }
    }
}
