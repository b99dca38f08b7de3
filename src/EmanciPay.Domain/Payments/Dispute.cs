using EmanciPay.Domain.Monetary;

namespace EmanciPay.Domain.Payments;

public enum DisputeOutcome
{
    /// <summary>Not yet decided: the amount and fee are held from the station's escrow.</summary>
    Open,

    /// <summary>Decided for us: Stripe gave back what it took, and so did the books.</summary>
    Won,

    /// <summary>Decided for the cardholder: what was held is gone.</summary>
    Lost,
}

/// <summary>
/// A card dispute of one of our payments, as Stripe last reported it, for finance to follow. Its money moves only through
/// the ledger (the dispute's entries); this row records its state. Events come in any order: a decided dispute stays
/// decided, and what was held and given back only grow.
/// </summary>
public sealed class Dispute
{
    public const int MaxIdLength = 255;

    private Dispute(string id, Guid paymentId, Guid recipientId, long amount, Currency currency, DateTimeOffset openedAt)
    {
        Id = id;
        PaymentId = paymentId;
        RecipientId = recipientId;
        Amount = amount;
        Currency = currency;
        OpenedAt = openedAt;
        UpdatedAt = openedAt;
    }

    /// <summary>Stripe's dispute id (du_).</summary>
    public string Id { get; private set; }

    public Guid PaymentId { get; private set; }

    public Guid RecipientId { get; private set; }

    /// <summary>The disputed amount, in minor units.</summary>
    public long Amount { get; private set; }

    public Currency Currency { get; private set; }

    /// <summary>Stripe's status (needs_response, under_review, won, lost...).</summary>
    public string Status { get; private set; } = "needs_response";

    public DisputeOutcome Outcome { get; private set; }

    /// <summary>What Stripe withdrew from the platform's balance for it: the amount and its fee.</summary>
    public long Withdrawn { get; private set; }

    /// <summary>What Stripe gave back when it was won.</summary>
    public long Reinstated { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>What the escrow holds for it now: what was withdrawn less what was given back.</summary>
    public long Held => Withdrawn - Reinstated;

    public static Dispute Open(string id, Guid paymentId, Guid recipientId, Money amount, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return new Dispute(id, paymentId, recipientId, amount.Amount, amount.Currency, at);
    }

    /// <summary>Records what Stripe reports; a decision, once made, is kept whatever older event arrives after it.</summary>
    public void Report(string status, long withdrawn, long reinstated, DateTimeOffset at)
    {
        Withdrawn = Math.Max(Withdrawn, withdrawn);
        Reinstated = Math.Max(Reinstated, reinstated);
        UpdatedAt = at;
        if (Outcome != DisputeOutcome.Open)
        {
            return;
        }

        Status = status;
        Outcome = status switch
        {
            "won" => DisputeOutcome.Won,
            "lost" => DisputeOutcome.Lost,
            _ => DisputeOutcome.Open,
        };
        if (Outcome != DisputeOutcome.Open)
        {
            ClosedAt = at;
        }
    }
}
