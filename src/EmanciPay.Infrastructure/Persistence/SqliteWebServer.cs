using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EmanciPay.Infrastructure.Persistence;

/// <summary>
/// SQLite has one writer at a time. Left to itself, a writer that waits longer than the busy timeout, or a read
/// transaction that must become a write, fails with "database is locked"; under a pledge spike that is hundreds of
/// 500s. So this process's writers queue here, in the unit of work, and the database only ever sees one at a time.
/// </summary>
internal sealed class SqliteWriterLock : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    public void Dispose() => gate.Dispose();

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}

/// <summary>
/// Each SQLite connection is set up for a web server: write-ahead logging, so readers never wait for the writer;
/// normal sync, which WAL keeps safe from corruption; and a busy timeout, so a writer from elsewhere (another
/// process, Identity's own saves) is waited for rather than refused.
/// </summary>
internal sealed class SqliteWebServerPragmas : DbConnectionInterceptor
{
    public static readonly SqliteWebServerPragmas Instance = new();

    private const string Pragmas = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

internal static class SqliteWebServerSetup
{
    public static DbContextOptionsBuilder AddSqliteWebServerSetup(this DbContextOptionsBuilder options, DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? options.AddInterceptors(SqliteWebServerPragmas.Instance) : options;
}
