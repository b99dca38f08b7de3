namespace EmanciPay.Application.Payments;

public enum StripeEventStatus
{
    /// <summary>Waiting to be processed: new, or due again after a failed attempt.</summary>
    Received,

    /// <summary>Its handler applied it, in the same transaction as this mark.</summary>
    Processed,

    /// <summary>No handler owns its type yet: kept, and processed again once one does.</summary>
    Ignored,
}

/// <summary>
/// A Stripe event as delivered to our webhook, kept in the inbox: an integration record, not part of the domain. Its id
/// is unique, so a redelivery adds nothing. It is routed by its type to the one handler that owns that type, and marked
/// processed in the same transaction as its effects; a type no handler owns is marked ignored, never dropped. An event
/// that fails waits longer after each failed attempt instead of holding up the events behind it.
/// </summary>
public sealed class StripeEvent(string id, string type, string? objectType, string? objectId, string payload, DateTimeOffset receivedAt)
{
    public const int MaxIdLength = 255;

    public const int MaxTypeLength = 100;

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    public string Id { get; private set; } = id;

    /// <summary>What happened, e.g. payment_intent.succeeded: what routes the event to its handler.</summary>
    public string Type { get; private set; } = type;

    /// <summary>The kind of object the event is about (data.object.object: payment_intent, charge, dispute, payout...).</summary>
    public string? ObjectType { get; private set; } = objectType;

    /// <summary>The id of the object the event is about (data.object.id).</summary>
    public string? ObjectId { get; private set; } = objectId;

    /// <summary>The event exactly as Stripe signed it.</summary>
    public string Payload { get; private set; } = payload;

    public DateTimeOffset ReceivedAt { get; private set; } = receivedAt;

    public StripeEventStatus Status { get; private set; } = StripeEventStatus.Received;

    public DateTimeOffset? ProcessedAt { get; private set; }

    public int FailedAttempts { get; private set; }

    /// <summary>When the event is next due: on arrival, or later after a failed attempt.</summary>
    public DateTimeOffset DueAt { get; private set; } = receivedAt;

    public void MarkProcessed(DateTimeOffset at)
    {
        Status = StripeEventStatus.Processed;
        ProcessedAt ??= at;
    }

    public void MarkIgnored()
    {
        if (Status == StripeEventStatus.Received)
        {
            Status = StripeEventStatus.Ignored;
        }
    }

    /// <summary>Backs off exponentially (2, 4, 8... seconds, at most an hour) so one bad event cannot starve the rest.</summary>
    public void RecordFailedAttempt(DateTimeOffset at)
    {
        FailedAttempts++;
        var delay = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(FailedAttempts, 12)));
        DueAt = at + (delay < MaxRetryDelay ? delay : MaxRetryDelay);
    }
}
