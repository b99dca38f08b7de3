using System.Data.Common;
using EmanciPay.Application.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EmanciPay.Infrastructure.Persistence;

/// <summary>
/// SQLite has one writer at a time. Left to itself, a writer that waits longer than the busy timeout, or a read
/// transaction that must become a write, fails with "database is locked"; under a pledge spike that is hundreds of
/// 500s. So this process's writers queue here, in the unit of work, and the database only ever sees one at a time.
/// A writer waits as long as the queue moves (at most <see cref="MaxQueueWait"/>), but when the writer ahead has held
/// the database for the lock timeout it is stuck behind a lock from elsewhere (another process, a backup), and every
/// writer queued behind it gives up at once with <see cref="DatabaseUnavailableException"/> rather than wait its turn
/// to wait.
/// </summary>
internal sealed class SqliteWriterLock : IDisposable
{
    public static readonly TimeSpan MaxQueueWait = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly TimeSpan stuckAfter;
    private readonly Timer stuckTimer;
    private CancellationTokenSource stuck = new();
    private long enteredAt;

    public SqliteWriterLock(DatabaseOptions options)
    {
        stuckAfter = options.LockTimeout;
        stuckTimer = new Timer(_ => ReleaseTheQueueIfStuck());
    }

    public Task<IDisposable> EnterAsync(CancellationToken cancellationToken) => EnterAsync(MaxQueueWait, cancellationToken);

    public async Task<IDisposable> EnterAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Volatile.Read(ref stuck).Token);
        bool entered;
        try
        {
            entered = await gate.WaitAsync(maxWait, waiting.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DatabaseUnavailableException(DatabaseFault.Locked);
        }

        if (!entered)
        {
            throw new DatabaseUnavailableException(DatabaseFault.Locked);
        }

        Interlocked.Exchange(ref enteredAt, Environment.TickCount64);
        stuckTimer.Change(stuckAfter, Timeout.InfiniteTimeSpan);
        return new Release(this);
    }

    public void Dispose()
    {
        stuckTimer.Dispose();
        gate.Dispose();
    }

    private void ReleaseTheQueueIfStuck()
    {
        // A late tick from an earlier holder must not send away the queue behind a writer that has only just entered.
        if (gate.CurrentCount == 0 && Environment.TickCount64 - Interlocked.Read(ref enteredAt) >= (long)stuckAfter.TotalMilliseconds)
        {
            Interlocked.Exchange(ref stuck, new CancellationTokenSource()).Cancel();
        }
    }

    private void Exit()
    {
        stuckTimer.Change(Timeout.Infinite, Timeout.Infinite);
        gate.Release();
    }

    private sealed class Release(SqliteWriterLock owner) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                owner.Exit();
            }
        }
    }
}

/// <summary>
/// Each SQLite connection is set up for a web server: write-ahead logging, so readers never wait for the writer;
/// normal sync, which WAL keeps safe from corruption; and a busy timeout of the lock timeout, so a writer from
/// elsewhere (another process, Identity's own saves) is waited for, but not for long.
/// </summary>
internal sealed class SqliteWebServerPragmas(TimeSpan busyTimeout) : DbConnectionInterceptor
{
    private readonly string pragmas = $"PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

internal static class SqliteWebServerSetup
{
    public static DbContextOptionsBuilder AddSqliteWebServerSetup(this DbContextOptionsBuilder options, DatabaseOptions database) =>
        database.Provider == DatabaseProvider.Sqlite ? options.AddInterceptors(new SqliteWebServerPragmas(database.LockTimeout)) : options;
}
