namespace EmanciPay.Application.Common;

/// <summary>
/// The database's unit of work, for what the pipeline and the few handlers that call out need beyond the tables of
/// <see cref="IAppDbContext"/>: transactions under the provider's execution strategy, and forgetting tracked changes.
/// Implemented in Infrastructure.
/// </summary>
public interface IUnitOfWork
{
    /// <summary>True while a transaction is open in this scope; a command sent inside another's transaction joins it.</summary>
    bool InTransaction { get; }

    /// <summary>
    /// Runs the work in one transaction, saving what it leaves tracked and committing. Tracked changes are forgotten
    /// first, since the execution strategy may run the work again after a transient failure.
    /// </summary>
    Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>Saves what is tracked, atomically, in one short transaction of its own.</summary>
    Task CommitAsync(CancellationToken cancellationToken);

    /// <summary>Forgets every tracked change, so that a retried command starts from what the database holds.</summary>
    void Clear();

    /// <summary>A consistent, read-only view of the database (repeatable read) until disposed.</summary>
    Task<IAsyncDisposable> BeginSnapshotAsync(CancellationToken cancellationToken);
}
