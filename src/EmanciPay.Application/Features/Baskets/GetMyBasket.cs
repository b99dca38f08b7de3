using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Baskets;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Pledges;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Baskets;

/// <summary>
/// A listener's basket before it is paid (each station's share, the fee estimated from the processor's price and
/// shared the same way as the real one will be, what each station receives) and every basket before it with its split.
/// </summary>
public static class GetMyBasket
{
    public const int MaxPastBaskets = 36;

    [AllowedFor(Sender.Listener)]
    public sealed record Query(string ListenerId) : IQuery<Result>;

    public sealed record Result(bool HasCard, IReadOnlyList<BasketPreview> Upcoming, IReadOnlyList<BasketView> Past)
    {
        /// <summary>The saved card, to recognise it by; null without one, or while Stripe cannot be reached to describe it.</summary>
        public CardDescription? Card { get; init; }

        /// <summary>Pledges the listener paused: left out of every basket until resumed.</summary>
        public IReadOnlyList<PausedPledge> Paused { get; init; } = [];
    }

    /// <summary>A paused pledge and what it would add a month (a per-use pledge's cap), in minor units of <paramref name="Currency"/>.</summary>
    public sealed record PausedPledge(Guid PledgeId, string StationSlug, string StationName, BasketLineKind Kind, long Amount, string Currency, DateTimeOffset PausedAt);

    /// <summary>The next basket as it stands now; its fee is an estimate.</summary>
    public sealed record BasketPreview(DateOnly Period, DateTimeOffset ChargedAt, bool BelowMinimum, Split Split);

    public sealed record BasketView(Guid Id, DateOnly Period, DateTimeOffset ChargedAt, BasketStatus Status, int Attempts, DateTimeOffset? NextAttemptAt, string? FailureReason, Split Split);

    /// <summary>A basket's charge and how it splits, in minor units of <paramref name="Currency"/>.</summary>
    public sealed record Split(string Currency, long Amount, long Fee, long StationsReceive, IReadOnlyList<LineView> Lines);

    public sealed record LineView(Guid PledgeId, string StationSlug, string StationName, BasketLineKind Kind, long Amount, long Fee, long StationReceives);

    public sealed class Handler(IAppDbContext db, BasketItems items, IPaymentGateway gateway, IOptions<PledgeOptions> options, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var past = await db.Baskets.AsNoTracking().Include(b => b.Lines)
                .Where(b => b.ListenerId == query.ListenerId)
                .OrderByDescending(b => b.Period)
                .Take(MaxPastBaskets)
                .ToListAsync(cancellationToken);
            // The month due now, unless it was opened already or had nothing in it: then the month after.
            var period = BasketItems.DuePeriod(now);
            var due = past.Any(b => b.Period == period) ? [] : await items.DueAsync(query.ListenerId, period, cancellationToken);
            if (due.Count == 0)
            {
                period = period.AddMonths(1);
                due = await items.DueAsync(query.ListenerId, period, cancellationToken);
            }

            var recipientIds = past.SelectMany(b => b.Lines).Select(l => l.RecipientId).Concat(due.SelectMany(d => d.Items).Select(i => i.RecipientId)).Distinct().ToList();
            var stations = await db.Recipients.AsNoTracking().Where(r => recipientIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => (r.Slug, r.Name), cancellationToken);
            var fees = new FeeSchedule(options.Value.FeePercent, options.Value.FeeFixed);
            var upcoming = due.Select(d => Preview(query, period, d.Currency, d.Items, fees, stations, now)).ToList();
            var paymentMethod = await db.ListenerCards.Where(c => c.ListenerId == query.ListenerId).Select(c => c.PaymentMethodId).SingleOrDefaultAsync(cancellationToken);
            var paused = await db.Pledges.AsNoTracking()
                .Where(p => p.ListenerId == query.ListenerId && p.Status == PledgeStatus.Active && p.PausedAt != null)
                .Join(db.Recipients, p => p.RecipientId, r => r.Id, (p, r) => new { Pledge = p, r.Slug, r.Name })
                .ToListAsync(cancellationToken);
            return new Result(paymentMethod is not null, upcoming, past.Select(b => View(b, stations)).ToList())
            {
                Card = await gateway.DescribeCardIfAnyAsync(paymentMethod, cancellationToken),
                Paused = paused.OrderBy(p => p.Name).Select(p => new PausedPledge(
                    p.Pledge.Id, p.Slug, p.Name, p.Pledge.Frequency == PledgeFrequency.PerUse ? BasketLineKind.PerUse : BasketLineKind.Monthly,
                    p.Pledge.Frequency == PledgeFrequency.PerUse ? p.Pledge.Amount : p.Pledge.ChargeAmount, p.Pledge.Currency.Code.ToLowerInvariant(), p.Pledge.PausedAt!.Value)).ToList(),
            };
        }

        /// <summary>The basket as it would open now (lines merged and the minimum judged as the charge will), with the fee estimated.</summary>
        private static BasketPreview Preview(Query query, DateOnly period, Currency currency, List<BasketItem> items, FeeSchedule fees, Dictionary<Guid, (string Slug, string Name)> stations, DateTimeOffset now)
        {
            var basket = Basket.Open(query.ListenerId, period, currency, items, now);
            var below = basket.Status == BasketStatus.RolledOver;
            var fee = below ? 0 : Math.Min(basket.Amount, fees.FeeFor(basket.Amount));
            var shares = new Money(fee, currency).Allocate(basket.Lines.Select(l => l.Amount).ToList());
            var views = basket.Lines.Select((l, i) => new LineView(l.PledgeId, stations[l.RecipientId].Slug, stations[l.RecipientId].Name, l.Kind, l.Amount, shares[i].Amount, l.Amount - shares[i].Amount)).ToList();
            return new BasketPreview(period, BasketItems.ChargedAt(period), below, new Split(currency.Code, basket.Amount, fee, basket.Amount - fee, views));
        }

        private static BasketView View(Basket basket, Dictionary<Guid, (string Slug, string Name)> stations) => new(
            basket.Id, basket.Period, BasketItems.ChargedAt(basket.Period), basket.Status, basket.Attempts, basket.NextAttemptAt, basket.FailureReason,
            new Split(basket.Currency.Code, basket.Amount, basket.Fee, basket.Amount - basket.Fee,
                basket.Lines.Select(l => new LineView(l.PledgeId, stations[l.RecipientId].Slug, stations[l.RecipientId].Name, l.Kind, l.Amount, l.Fee, l.Net)).ToList()));
    }
}
