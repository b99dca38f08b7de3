using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Baskets;
using EmanciPay.Domain.Pledges;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Baskets;

/// <summary>
/// Charges a listener's basket for a month in one payment to their saved card. The first run opens the basket (one
/// per currency) from what is due, billing each monthly pledge's cycle; a basket under the minimum charge rolls over
/// to the next month instead. Then each basket waiting to be charged is charged with no transaction open, and the
/// result recorded in a short one. Safe to run twice: the basket is unique per listener, month and currency, and each
/// attempt's charge carries the basket and attempt number as its idempotency key.
/// </summary>
public static class ChargeBasket
{
    [AllowedFor(Sender.System)]
    public sealed record Command(string ListenerId, DateOnly Period) : ICommand, ICallsOut;

    public sealed class Handler(IAppDbContext db, IUnitOfWork unitOfWork, BasketItems due, IPaymentGateway gateway, PaymentRecorder recorder, IBackgroundJobs jobs, TimeProvider clock)
        : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var toCharge = await unitOfWork.InTransactionAsync(ct => OpenAsync(command, ct), cancellationToken);
            foreach (var basketId in toCharge)
            {
                var basket = await db.Baskets.AsNoTracking().SingleAsync(b => b.Id == basketId, cancellationToken);
                var card = await db.ListenerCards.AsNoTracking().SingleOrDefaultAsync(c => c.ListenerId == basket.ListenerId, cancellationToken);
                if (card is null)
                {
                    await unitOfWork.InTransactionAsync(ct => PauseAsync(basketId, "There is no saved card to charge.", ct), cancellationToken);
                    continue;
                }

                var payment = await gateway.ChargeSavedCardAsync(
                    new SavedCardCharge(basket.Id, basket.Attempts, basket.Amount, basket.Currency.Code.ToLowerInvariant(), card.CustomerId, card.PaymentMethodId, $"EmanciPay basket for {basket.Period:MMMM yyyy}"),
                    cancellationToken);
                await unitOfWork.InTransactionAsync(
                    async ct =>
                    {
                        await recorder.RecordAsync(payment with { BasketId = basket.Id }, ct);
                        return true;
                    },
                    cancellationToken);
            }

            return Unit.Value;
        }

        /// <summary>Opens the month's baskets if none are open yet; returns those to charge now (a new one, a retry due, or an attempt that died).</summary>
        private async Task<List<Guid>> OpenAsync(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var baskets = await db.Baskets.Where(b => b.ListenerId == command.ListenerId && b.Period == command.Period).ToListAsync(cancellationToken);
            if (baskets.Count == 0 && now >= BasketItems.ChargedAt(command.Period))
            {
                foreach (var (currency, items, carried) in await due.DueAsync(command.ListenerId, command.Period, cancellationToken))
                {
                    var basket = Basket.Open(command.ListenerId, command.Period, currency, items, now);
                    db.Baskets.Add(basket);
                    carried.ForEach(b => b.MarkCarriedForward());
                    await BillMonthlyCyclesAsync(items, cancellationToken);
                    baskets.Add(basket);
                    if (basket.Status == BasketStatus.RolledOver)
                    {
                        jobs.EnqueueAfterCommit(new SendBasketNotice.Command(basket.Id));
                    }
                }
            }

            foreach (var retry in baskets.Where(b => b.IsDueForRetry(now)))
            {
                retry.StartRetry(now);
            }

            return baskets.Where(b => b.Status == BasketStatus.Charging).Select(b => b.Id).ToList();
        }

        private async Task BillMonthlyCyclesAsync(List<BasketItem> items, CancellationToken cancellationToken)
        {
            var ids = items.Where(i => i.Kind == BasketLineKind.Monthly).Select(i => i.PledgeId).ToList();
            var pledges = await db.Pledges.Where(p => ids.Contains(p.Id) && p.Frequency == PledgeFrequency.Monthly && p.Status == PledgeStatus.Active).ToListAsync(cancellationToken);
            pledges.ForEach(p => p.BillCycle());
        }

        private async Task<bool> PauseAsync(Guid basketId, string reason, CancellationToken cancellationToken)
        {
            var basket = await db.Baskets.SingleAsync(b => b.Id == basketId, cancellationToken);
            basket.Pause(reason);
            jobs.EnqueueAfterCommit(new SendBasketNotice.Command(basket.Id));
            return true;
        }
    }
}
