using Mediator;

namespace EmanciPay.Application.Behaviours;

/// <summary>
/// A command that carries a client's Idempotency-Key. <see cref="IdempotencyBehaviour{TMessage,TResponse}"/> replays
/// the first response to a retry with the same key and body, and refuses the key with another body, or while the
/// first request is still in flight.
/// </summary>
public interface IIdempotentCommand : IBaseCommand
{
    string IdempotencyKey { get; }

    /// <summary>Whose keys these are (the use case and the caller): two callers may use the same key for different requests.</summary>
    string IdempotencyScope { get; }
}
