using EmanciPay.Application.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EmanciPay.Infrastructure.Persistence;

/// <summary>
/// Ready when a writer could get at the database now, found out without writing anything: on SQLite the write lock is
/// taken (through the app's writer queue) and given back; on PostgreSQL every table of the model is locked in the mode
/// every INSERT, UPDATE and DELETE takes (ROW EXCLUSIVE, which only another session's LOCK TABLE, DDL, VACUUM FULL and
/// the like hold off) and released at once. Each waits at most <see cref="ProbeTimeout"/>, since orchestrators give a
/// probe a second or so. A full disk cannot be probed without writing: the check reports the app's own writes refused
/// for want of space (<see cref="DiskFullWatch"/>). On SQL Server it only connects.
/// </summary>
internal sealed class DatabaseHealthCheck(IServiceScopeFactory scopes, DatabaseOptions options, DiskFullWatch diskFull, SqliteWriterLock? writers = null)
    : IHealthCheck
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (diskFull.LastRefusal() is { } ago)
        {
            return HealthCheckResult.Unhealthy($"The database refused a write for want of space {ago.TotalSeconds:0} s ago, and none has succeeded since.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        try
        {
            var ready = options.Provider switch
            {
                DatabaseProvider.Sqlite => await ProbeSqliteAsync(db, cancellationToken),
                DatabaseProvider.PostgreSql => await ProbePostgreSqlAsync(db, cancellationToken),
                _ => await db.Database.CanConnectAsync(cancellationToken),
            };
            return ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database cannot be reached.");
        }
        catch (Exception exception) when (DatabaseErrors.Unavailable(exception) is { } unavailable)
        {
            return HealthCheckResult.Unhealthy(unavailable.Message, exception);
        }
    }

    private async Task<bool> ProbeSqliteAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        using var writing = await writers!.EnterAsync(ProbeTimeout, cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // One statement per command: Microsoft.Data.Sqlite runs the statements after one that returns a row (as
            // PRAGMA busy_timeout does) when the reader is disposed, and swallows their errors. It retries a busy
            // database until the command's timeout, each try waiting up to the busy timeout.
            await ExecuteAsync(db, $"PRAGMA busy_timeout = {(long)ProbeTimeout.TotalMilliseconds}", ProbeTimeout, cancellationToken);
            await ExecuteAsync(db, "BEGIN IMMEDIATE", ProbeTimeout, cancellationToken);
            await ExecuteAsync(db, "ROLLBACK", ProbeTimeout, cancellationToken);
        }
        finally
        {
            await ExecuteAsync(db, $"PRAGMA busy_timeout = {(long)options.LockTimeout.TotalMilliseconds}", ProbeTimeout, CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }

        return true;
    }

    private static async Task<bool> ProbePostgreSqlAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var tables = db.Model.GetEntityTypes()
            .Select(t => t.GetTableName() is { } name ? Quote(t.GetSchema(), name) : null)
            .OfType<string>()
            .Distinct();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The command's own timeout is longer, so that the lock timeout is what ends a wait for a lock.
        await ExecuteAsync(db, $"SET LOCAL lock_timeout = {(long)ProbeTimeout.TotalMilliseconds}; LOCK TABLE {string.Join(", ", tables)} IN ROW EXCLUSIVE MODE;", 2 * ProbeTimeout, cancellationToken);
        return true;
    }

    private static async Task ExecuteAsync(AppDbContext db, string sql, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandTimeout = (int)Math.Ceiling(timeout.TotalSeconds);
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Quote(string? schema, string name) =>
        schema is null ? Quote(name) : $"{Quote(schema)}.{Quote(name)}";

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
