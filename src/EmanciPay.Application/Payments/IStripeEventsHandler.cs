namespace EmanciPay.Application.Payments;

/// <summary>What a handler read from Stripe for a batch of its events, with no transaction open; handed back to it to apply.</summary>
public abstract record StripeEventReading;

/// <summary>
/// The Stripe events of the types one area owns: payments now; refunds, disputes, Connect accounts, transfers and
/// payouts plug in the same way. Two steps, so that Stripe is never called while a transaction or row lock is open:
/// <see cref="ReadAsync"/> reads from Stripe what the events need, outside any transaction; <see cref="ApplyAsync"/>
/// brings our books in line inside the short transaction that has locked the events and marks them processed,
/// checking again what another worker or request may have done in between. Both may run again for the same events.
/// </summary>
public interface IStripeEventsHandler
{
    /// <summary>The event types this handler owns; no other handler may own one of them.</summary>
    IReadOnlyCollection<string> EventTypes { get; }

    Task<StripeEventReading> ReadAsync(IReadOnlyList<StripeEvent> events, CancellationToken cancellationToken);

    Task ApplyAsync(IReadOnlyList<StripeEvent> events, StripeEventReading reading, CancellationToken cancellationToken);
}

/// <summary>The one handler that owns each Stripe event type. Two handlers claiming one type is a wiring mistake, refused at once.</summary>
public sealed class StripeEventRouter
{
    private readonly Dictionary<string, IStripeEventsHandler> byType = new(StringComparer.Ordinal);

    public StripeEventRouter(IEnumerable<IStripeEventsHandler> handlers)
    {
        foreach (var handler in handlers)
        {
            foreach (var type in handler.EventTypes)
            {
                if (!byType.TryAdd(type, handler))
                {
                    throw new InvalidOperationException($"Stripe event type {type} is claimed by both {byType[type].GetType().Name} and {handler.GetType().Name}.");
                }
            }
        }
    }

    public IReadOnlyCollection<string> HandledTypes => byType.Keys;

    /// <summary>The handler that owns the type, or null: then the event is kept as ignored.</summary>
    public IStripeEventsHandler? HandlerFor(string type) => byType.GetValueOrDefault(type);
}
