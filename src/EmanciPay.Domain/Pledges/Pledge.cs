using EmanciPay.Domain.Monetary;

namespace EmanciPay.Domain.Pledges;

public enum PledgeFrequency
{
    OneTime,
    Monthly,
}

public enum PledgeStatus
{
    Pending,
    Active,
    Paid,
    Failed,
    Cancelled,
}

/// <summary>A listener's promise to pay a recipient: once or monthly. Payments against it post to the recipient's escrow.</summary>
public sealed class Pledge
{
    private Pledge(Guid id, Guid recipientId, string? listenerId, long amount, Currency currency, PledgeFrequency frequency, DateTimeOffset createdAt)
    {
        Id = id;
        RecipientId = recipientId;
        ListenerId = listenerId;
        Amount = amount;
        Currency = currency;
        Frequency = frequency;
        Status = PledgeStatus.Pending;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid RecipientId { get; private set; }

    /// <summary>The signed-in listener's user id; null for a guest's one-time pledge.</summary>
    public string? ListenerId { get; private set; }

    public long Amount { get; private set; }

    public Currency Currency { get; private set; }

    public PledgeFrequency Frequency { get; private set; }

    public PledgeStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Money Money => new(Amount, Currency);

    public static Pledge Create(Guid recipientId, string? listenerId, Money amount, PledgeFrequency frequency, DateTimeOffset createdAt)
    {
        if (amount.Amount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount.Amount, "A pledge must be for a positive amount.");
        }

        return new Pledge(Guid.CreateVersion7(createdAt), recipientId, listenerId, amount.Amount, amount.Currency, frequency, createdAt);
    }
}
