namespace EmanciPay.Application.Payments;

/// <summary>The inbox's statements that each database provider words its own way (group insert, lock-and-skip).</summary>
public interface IStripeEventInbox
{
    /// <summary>Adds the events whose ids are not in the inbox yet, atomically; returns the ids it added.</summary>
    Task<IReadOnlySet<string>> AddNewAsync(IReadOnlyList<StripeEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// Those of the given events still waiting to be processed, tracked and locked until the current transaction ends;
    /// events another transaction has locked are skipped, not waited for, so several workers share the inbox.
    /// </summary>
    Task<List<StripeEvent>> LockReceivedAsync(IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken);
}
