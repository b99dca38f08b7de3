using EmanciPay.Application.Common;
using EmanciPay.Domain.Baskets;
using EmanciPay.Domain.Listening;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Pledges;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Baskets;

/// <summary>
/// What a listener's basket for a month holds, the same for the review before paying and for the charge: monthly
/// pledges (not paused) due by the time the month's listening log closes, each per-use pledge's (not paused) amount from that month's log, the
/// one-time gifts added to a basket and not charged yet, and whatever rolled over from months too small to charge.
/// </summary>
public sealed class BasketItems(IAppDbContext db)
{
    /// <summary>The month whose basket is charged next at <paramref name="now"/>: the latest one whose log has closed, or this month before it closes.</summary>
    public static DateOnly DuePeriod(DateTimeOffset now)
    {
        var previous = ListeningSession.MonthOf(now).AddMonths(-1);
        return DateOnly.FromDateTime(now >= ListeningSession.ClosesAt(previous) ? previous.UtcDateTime : previous.AddMonths(-1).UtcDateTime);
    }

    /// <summary>When a month's basket is charged: as its listening log closes.</summary>
    public static DateTimeOffset ChargedAt(DateOnly period) => ListeningSession.ClosesAt(Start(period));

    public static DateTimeOffset Start(DateOnly period) => new(period.Year, period.Month, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task<IReadOnlyList<(Currency Currency, List<BasketItem> Items, List<Basket> Carried)>> DueAsync(string listenerId, DateOnly period, CancellationToken cancellationToken)
    {
        var closes = ChargedAt(period);
        var pledges = await db.Pledges
            .Where(p => p.ListenerId == listenerId && (
                (p.Frequency == PledgeFrequency.Monthly && p.Status == PledgeStatus.Active && p.PausedAt == null && p.NextChargeAt <= closes)
                || (p.Frequency == PledgeFrequency.PerUse && p.Status == PledgeStatus.Active && p.PausedAt == null)
                || (p.InBasket && p.Status == PledgeStatus.Pending && p.CreatedAt < closes && !db.BasketLines.Any(l => l.PledgeId == p.Id))))
            .ToListAsync(cancellationToken);
        var listening = await ListeningAsync(listenerId, period, cancellationToken);
        var carried = await db.Baskets.Include(b => b.Lines)
            .Where(b => b.ListenerId == listenerId && b.Status == BasketStatus.RolledOver && !b.CarriedForward && b.Period < period)
            .ToListAsync(cancellationToken);

        var items = new List<(Currency Currency, BasketItem Item)>();
        foreach (var pledge in pledges)
        {
            var amount = pledge.Frequency switch
            {
                PledgeFrequency.PerUse => PerUseAmount.For(pledge.RatePerHour ?? 0, pledge.Amount, MinutesSince(listening, pledge)),
                PledgeFrequency.Monthly => pledge.ChargeAmount,
                _ => pledge.Amount,
            };
            if (amount > 0)
            {
                items.Add((pledge.Currency, new BasketItem(pledge.Id, pledge.RecipientId, KindOf(pledge), amount)));
            }
        }

        items.AddRange(carried.SelectMany(b => b.Lines.Select(l => (b.Currency, new BasketItem(l.PledgeId, l.RecipientId, l.Kind, l.Amount)))));
        return items.GroupBy(i => i.Currency)
            .Select(g => (g.Key, g.Select(i => i.Item).ToList(), carried.Where(b => b.Currency == g.Key).ToList()))
            .ToList();
    }

    /// <summary>The month's entries in the listener's log, reduced to station, start and minutes: only sums ever leave it.</summary>
    private async Task<List<(Guid RecipientId, DateTimeOffset StartedAt, int Minutes)>> ListeningAsync(string listenerId, DateOnly period, CancellationToken cancellationToken)
    {
        var from = Start(period);
        var to = from.AddMonths(1);
        var sessions = await db.ListeningSessions
            .Where(s => s.ListenerId == listenerId && s.StartedAt >= from && s.StartedAt < to)
            .Select(s => new { s.RecipientId, s.StartedAt, s.Minutes })
            .ToListAsync(cancellationToken);
        return sessions.Select(s => (s.RecipientId, s.StartedAt, s.Minutes)).ToList();
    }

    /// <summary>A per-use pledge pays for listening from when it was made: what was logged before it was a free listen.</summary>
    private static long MinutesSince(List<(Guid RecipientId, DateTimeOffset StartedAt, int Minutes)> listening, Pledge pledge) =>
        listening.Where(s => s.RecipientId == pledge.RecipientId && s.StartedAt >= pledge.CreatedAt).Sum(s => (long)s.Minutes);

    private static BasketLineKind KindOf(Pledge pledge) => pledge.Frequency switch
    {
        PledgeFrequency.Monthly => BasketLineKind.Monthly,
        PledgeFrequency.PerUse => BasketLineKind.PerUse,
        _ => BasketLineKind.OneTime,
    };
}
