namespace EmanciPay.Application.Behaviours;

/// <summary>The Idempotency-Key was used before for a different request; becomes 422 problem+json.</summary>
public sealed class IdempotencyKeyReusedException(string key)
    : Exception($"The Idempotency-Key '{key}' was already used for a different request. Use a new key for a new request.");

/// <summary>
/// A request with this Idempotency-Key is still being processed; becomes 409 problem+json, as Stripe answers
/// <c>idempotency_key_in_use</c>. A retry once it has finished gets its response.
/// </summary>
public sealed class IdempotencyKeyInUseException(string key)
    : Exception($"A request with the Idempotency-Key '{key}' is still in progress. Retry in a few seconds to get its result.");
