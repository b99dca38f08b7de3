using System.Data;
using EmanciPay.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Infrastructure.Persistence;

/// <summary>
/// Transactions and tracked state of the scope's <see cref="AppDbContext"/>, for the pipeline and the handlers that
/// call out. On SQLite, writes queue for the one writer (<see cref="SqliteWriterLock"/>).
/// </summary>
internal sealed class UnitOfWork(AppDbContext db, SqliteWriterLock? writers = null) : IUnitOfWork
{
    public bool InTransaction => db.Database.CurrentTransaction is not null;

    public Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            using var writing = await EnterWriterAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await work(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        });

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        using var writing = await EnterWriterAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public void Clear() => db.ChangeTracker.Clear();

    public async Task<IAsyncDisposable> BeginSnapshotAsync(CancellationToken cancellationToken) =>
        await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

    // A write inside a transaction of this scope already holds the lock.
    private async Task<IDisposable?> EnterWriterAsync(CancellationToken cancellationToken) =>
        writers is null || InTransaction ? null : await writers.EnterAsync(cancellationToken);
}
