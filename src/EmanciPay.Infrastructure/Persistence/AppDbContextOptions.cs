using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EmanciPay.Infrastructure.Persistence;

/// <summary>Points a DbContext at one provider with its migrations assembly; shared by the app and the design-time factories.</summary>
public static class AppDbContextOptions
{
    private static readonly string[] SqliteTimeoutKeywords = ["Default Timeout", "DefaultTimeout", "Command Timeout"];

    public static DbContextOptionsBuilder UseProvider(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        var migrations = DatabaseOptions.MigrationsAssembly(provider);
        return provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, o => o.MigrationsAssembly(migrations)),
            DatabaseProvider.PostgreSql => options.UseNpgsql(connectionString, o => o.MigrationsAssembly(migrations)),
            DatabaseProvider.SqlServer => options.UseSqlServer(connectionString, o => o.MigrationsAssembly(migrations)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
    }

    /// <summary>
    /// Npgsql resets a pooled connection with DISCARD ALL, which PostgreSQL runs before the next statement; a context
    /// opens a connection per query, so that was once per query. The app keeps no session state (no SET, no session
    /// advisory locks), so the reset is skipped unless the connection string asks for it. Every session starts with
    /// lock_timeout set (in the startup packet, no extra round trip), so a statement stuck behind someone else's lock
    /// gives up instead of holding the request, unless the connection string's Options already set one.
    /// </summary>
    public static string TunePostgreSql(string connectionString, TimeSpan lockTimeout)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Replace(" ", "", StringComparison.Ordinal).Contains("ResetOnClose", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        if (builder.Options?.Contains("lock_timeout", StringComparison.OrdinalIgnoreCase) != true)
        {
            builder.Options = $"{builder.Options} -c lock_timeout={(long)lockTimeout.TotalMilliseconds}".TrimStart();
        }

        return builder.ToString();
    }

    /// <summary>
    /// A relative SQLite file is placed under the app's content root, and its folder made and tried for writing (see
    /// <see cref="WritableFolder"/>). Microsoft.Data.Sqlite retries a locked database until the command timeout (30 s
    /// by default), so that becomes the lock timeout, unless the connection string sets one.
    /// </summary>
    public static string ResolveSqlite(string connectionString, string contentRoot, TimeSpan lockTimeout)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is not (":memory:" or "") && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.GetFullPath(builder.DataSource, contentRoot);
            WritableFolder.Ensure(Path.GetDirectoryName(path)!, $"ConnectionStrings:{DatabaseOptions.ConnectionStringName}", path);
            builder.DataSource = path;
        }

        var configured = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!SqliteTimeoutKeywords.Any(configured.ContainsKey))
        {
            builder.DefaultTimeout = (int)Math.Ceiling(lockTimeout.TotalSeconds);
        }

        return builder.ToString();
    }
}
