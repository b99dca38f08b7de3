using EmanciPay.Domain.Monetary;

namespace EmanciPay.Domain.Baskets;

public enum BasketStatus
{
    /// <summary>An attempt to charge the card is under way (or died, and the sweep tries it again with the same key).</summary>
    Charging,

    /// <summary>Declined; charged again at <see cref="Basket.NextAttemptAt"/>.</summary>
    Retrying,

    /// <summary>Declined on every attempt, or no card: waits for the listener to update their card.</summary>
    Paused,

    Paid,

    /// <summary>Below Stripe's minimum charge: its lines are carried into the next month's basket.</summary>
    RolledOver,
}

/// <summary>
/// One month of a listener's giving in one currency, charged to their saved card in one payment: every monthly
/// pledge due, every per-use pledge's amount and every one-time gift added to it, split back to the stations to the
/// cent. Fewer charges mean fewer fixed fees: ten 1.00 pledges cost one 0.30, not ten.
/// </summary>
public sealed class Basket
{
    /// <summary>Like Stripe's Smart Retries: after a decline, try again 3 days later, then 4 days after that; then pause.</summary>
    public static readonly IReadOnlyList<TimeSpan> RetryDelays = [TimeSpan.FromDays(3), TimeSpan.FromDays(4)];

    private readonly List<BasketLine> lines = [];

    private Basket(Guid id, string listenerId, DateOnly period, Currency currency, DateTimeOffset createdAt)
    {
        Id = id;
        ListenerId = listenerId;
        Period = period;
        Currency = currency;
        CreatedAt = createdAt;
    }

    private Basket()
    {
        ListenerId = null!;
    }

    public Guid Id { get; private set; }

    public string ListenerId { get; private set; }

    /// <summary>The first day of the month whose giving this basket charges.</summary>
    public DateOnly Period { get; private set; }

    public Currency Currency { get; private set; }

    public BasketStatus Status { get; private set; }

    public long Amount { get; private set; }

    /// <summary>The fee Stripe took, once paid; each line carries its share.</summary>
    public long Fee { get; private set; }

    /// <summary>Every attempt ever made; each attempt's number is part of its charge's idempotency key, so it never repeats.</summary>
    public int Attempts { get; private set; }

    /// <summary>The attempts before the current round of retries began (a resumed basket gets a fresh round).</summary>
    public int AttemptsBeforeRound { get; private set; }

    public DateTimeOffset? NextAttemptAt { get; private set; }

    public string? PaymentIntentId { get; private set; }

    /// <summary>When the current attempt began: one under way much longer died with its job.</summary>
    public DateTimeOffset? AttemptStartedAt { get; private set; }

    public string? FailureReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    /// <summary>For a basket rolled over: whether its lines joined a later basket yet.</summary>
    public bool CarriedForward { get; private set; }

    /// <summary>Whether the listener was mailed about the roll-over, the pause or the receipt (one mail per basket).</summary>
    public DateTimeOffset? NoticeSentAt { get; private set; }

    public IReadOnlyList<BasketLine> Lines => lines;

    /// <summary>
    /// A month's basket from what is due (several items of one pledge add into one line); below the minimum charge it
    /// rolls over at once, otherwise its first attempt starts.
    /// </summary>
    public static Basket Open(string listenerId, DateOnly period, Currency currency, IEnumerable<BasketItem> items, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listenerId);
        var basket = new Basket(Guid.CreateVersion7(now), listenerId, new DateOnly(period.Year, period.Month, 1), currency, now);
        foreach (var item in items)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(item.Amount);
            if (basket.lines.Find(l => l.PledgeId == item.PledgeId) is { } line)
            {
                line.Add(item.Amount);
            }
            else
            {
                basket.lines.Add(new BasketLine(basket.Id, item.PledgeId, item.RecipientId, item.Kind, item.Amount));
            }
        }

        if (basket.lines.Count == 0)
        {
            throw new InvalidOperationException("A basket needs at least one item.");
        }

        basket.Amount = basket.lines.Sum(l => l.Amount);
        if (basket.Amount < ChargeMinimums.For(currency))
        {
            basket.Status = BasketStatus.RolledOver;
        }
        else
        {
            basket.Status = BasketStatus.Charging;
            basket.Attempts = 1;
            basket.AttemptStartedAt = now;
        }

        return basket;
    }

    public void MarkCarriedForward() => CarriedForward = Status == BasketStatus.RolledOver ? true : throw new InvalidOperationException("Only a rolled-over basket is carried forward.");

    public bool IsDueForRetry(DateTimeOffset now) => Status == BasketStatus.Retrying && NextAttemptAt <= now;

    /// <summary>The next attempt begins; its number is part of the charge's idempotency key.</summary>
    public void StartRetry(DateTimeOffset now)
    {
        if (!IsDueForRetry(now))
        {
            throw new InvalidOperationException("This basket is not due to be charged again.");
        }

        Status = BasketStatus.Charging;
        Attempts++;
        NextAttemptAt = null;
        AttemptStartedAt = now;
    }

    /// <summary>Paid: Stripe's fee is shared across the lines by largest remainder, so every cent is with a station.</summary>
    public void RecordPaid(string paymentIntentId, long fee, DateTimeOffset paidAt)
    {
        if (Status == BasketStatus.Paid)
        {
            return;
        }

        if (fee < 0 || fee > Amount)
        {
            throw new ArgumentOutOfRangeException(nameof(fee), "A fee is between zero and the amount charged.");
        }

        var shares = new Money(fee, Currency).Allocate(lines.Select(l => l.Amount).ToList());
        for (var i = 0; i < lines.Count; i++)
        {
            lines[i].AllocateFee(shares[i].Amount);
        }

        Fee = fee;
        PaymentIntentId = paymentIntentId;
        PaidAt = paidAt;
        FailureReason = null;
        NextAttemptAt = null;
        Status = BasketStatus.Paid;
    }

    /// <summary>The current attempt was declined: try again later, or pause after the last attempt. A late decline of an earlier attempt changes nothing.</summary>
    public void RecordDeclined(string reason, DateTimeOffset now)
    {
        if (Status != BasketStatus.Charging)
        {
            return;
        }

        FailureReason = reason.Length > 300 ? reason[..300] : reason;
        var inRound = Attempts - AttemptsBeforeRound;
        if (inRound <= RetryDelays.Count)
        {
            Status = BasketStatus.Retrying;
            NextAttemptAt = now + RetryDelays[inRound - 1];
        }
        else
        {
            Pause(reason);
        }
    }

    /// <summary>Nothing to charge with (no saved card), or every attempt declined.</summary>
    public void Pause(string reason)
    {
        if (Status is BasketStatus.Paid or BasketStatus.RolledOver)
        {
            return;
        }

        FailureReason = reason.Length > 300 ? reason[..300] : reason;
        NextAttemptAt = null;
        NoticeSentAt = null;
        Status = BasketStatus.Paused;
    }

    /// <summary>
    /// The listener updated their card: a paused basket, or one waiting to retry the old card, is charged again at once,
    /// with a fresh round of attempts.
    /// </summary>
    public void Resume(DateTimeOffset now)
    {
        if (Status is BasketStatus.Paused or BasketStatus.Retrying)
        {
            Status = BasketStatus.Retrying;
            NextAttemptAt = now;
            AttemptsBeforeRound = Attempts;
        }
    }

    public void MarkNoticeSent(DateTimeOffset at) => NoticeSentAt ??= at;
}

/// <summary>Something due in a month: a pledge, its station, what kind of giving, and how much.</summary>
public sealed record BasketItem(Guid PledgeId, Guid RecipientId, BasketLineKind Kind, long Amount);
