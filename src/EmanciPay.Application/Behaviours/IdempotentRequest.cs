namespace EmanciPay.Application.Behaviours;

/// <summary>
/// A request made with an Idempotency-Key: the key (scoped to its caller), a hash of the request, and, once it has
/// completed, the response, which a retry with the same key and body gets again. Until then the key is held by one
/// attempt; if that attempt dies mid-call (the process is killed), a retry takes the key over once the hold expires.
/// </summary>
public sealed class IdempotentRequest
{
    public const int MaxKeyLength = 255;

    /// <summary>Longer than a Stripe call can take with Stripe.net's timeout and retries.</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromMinutes(5);

    private IdempotentRequest(string key, string requestHash, DateTimeOffset createdAt)
    {
        Key = key;
        RequestHash = requestHash;
        CreatedAt = createdAt;
        TakeOver(createdAt);
    }

    public string Key { get; private set; }

    public string RequestHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The attempt holding the key; a concurrency token, so an attempt that lost the key cannot complete it.</summary>
    public Guid AttemptId { get; private set; }

    /// <summary>Until when the holding attempt is presumed alive; a retry before then is told the request is in progress.</summary>
    public DateTimeOffset HeldUntil { get; private set; }

    public string? ResponseJson { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public static IdempotentRequest Claim(string key, string requestHash, DateTimeOffset now) => new(key, requestHash, now);

    public void TakeOver(DateTimeOffset now)
    {
        AttemptId = Guid.NewGuid();
        HeldUntil = now + Hold;
    }

    public void Complete(string responseJson, DateTimeOffset at)
    {
        ResponseJson = responseJson;
        CompletedAt = at;
    }
}
