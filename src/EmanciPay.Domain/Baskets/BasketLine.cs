namespace EmanciPay.Domain.Baskets;

public enum BasketLineKind
{
    Monthly,

    /// <summary>A per-use pledge: its rate times the hours in the listener's log, up to its cap.</summary>
    PerUse,

    /// <summary>A one-time gift the listener added to the basket instead of paying at once.</summary>
    OneTime,
}

/// <summary>One pledge's part of a basket: what it adds, and once charged, its share of the fee by largest remainder.</summary>
public sealed class BasketLine
{
    internal BasketLine(Guid basketId, Guid pledgeId, Guid recipientId, BasketLineKind kind, long amount)
    {
        BasketId = basketId;
        PledgeId = pledgeId;
        RecipientId = recipientId;
        Kind = kind;
        Amount = amount;
    }

    public Guid BasketId { get; private set; }

    public Guid PledgeId { get; private set; }

    public Guid RecipientId { get; private set; }

    public BasketLineKind Kind { get; private set; }

    public long Amount { get; private set; }

    /// <summary>This line's share of the fee Stripe took; set when the basket is paid.</summary>
    public long Fee { get; private set; }

    public long Net => Amount - Fee;

    internal void AllocateFee(long fee) => Fee = fee;

    /// <summary>A line carried from a month too small to charge adds to this one.</summary>
    internal void Add(long amount) => Amount = checked(Amount + amount);
}
