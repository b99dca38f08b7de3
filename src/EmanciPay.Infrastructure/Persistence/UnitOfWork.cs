using System.Data;
using EmanciPay.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Infrastructure.Persistence;

/// <summary>Transactions and tracked state of the scope's <see cref="AppDbContext"/>, for the pipeline and the handlers that call out.</summary>
internal sealed class UnitOfWork(AppDbContext db) : IUnitOfWork
{
    public bool InTransaction => db.Database.CurrentTransaction is not null;

    public Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await work(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        });

    public Task CommitAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    public void Clear() => db.ChangeTracker.Clear();

    public async Task<IAsyncDisposable> BeginSnapshotAsync(CancellationToken cancellationToken) =>
        await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
}
