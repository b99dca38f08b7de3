using System.Data.Common;
using EmanciPay.Application.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EmanciPay.Infrastructure.Persistence;

/// <summary>
/// Remembers the last write the database refused for want of space, until a write succeeds or <see cref="Window"/>
/// passes: a full disk cannot be probed without writing, so the readiness check learns of it from the app's own
/// writes (requests and jobs alike, since every command of the context passes here).
/// </summary>
internal sealed class DiskFullWatch : IDbCommandInterceptor, IDbTransactionInterceptor, ISaveChangesInterceptor
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private long refusedAt = long.MinValue;

    /// <summary>How long ago a write was last refused for want of space, if within the window and none has succeeded since.</summary>
    public TimeSpan? LastRefusal()
    {
        var at = Interlocked.Read(ref refusedAt);
        if (at == long.MinValue)
        {
            return null;
        }

        var ago = TimeSpan.FromMilliseconds(Environment.TickCount64 - at);
        return ago < Window ? ago : null;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Observe(eventData.Exception);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Observe(eventData.Exception);
        return Task.CompletedTask;
    }

    // SQLite in WAL mode writes its pages at commit, so that is where a full disk shows.
    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Observe(eventData.Exception);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Observe(eventData.Exception);
        return Task.CompletedTask;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(result);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(result);
        return ValueTask.FromResult(result);
    }

    private void Observe(Exception exception)
    {
        if (DatabaseErrors.Unavailable(exception)?.Fault == DatabaseFault.Full)
        {
            Interlocked.Exchange(ref refusedAt, Environment.TickCount64);
        }
    }

    private void Saved(int rows)
    {
        if (rows > 0)
        {
            Interlocked.Exchange(ref refusedAt, long.MinValue);
        }
    }
}
