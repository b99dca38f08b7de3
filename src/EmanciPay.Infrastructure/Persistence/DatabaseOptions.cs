namespace EmanciPay.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}

/// <summary>The "Database" configuration section; the connection string is ConnectionStrings:EmanciPay.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "EmanciPay";
    public const string DefaultSqliteConnectionString = "Data Source=data/emancipay.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// How long a statement waits for a lock held by someone else before the request gives up with 503: SQLite's busy
    /// timeout (and how long the app's writer queue waits behind a stuck writer), PostgreSQL's lock_timeout.
    /// </summary>
    public int LockTimeoutSeconds { get; set; } = 5;

    public TimeSpan LockTimeout => TimeSpan.FromSeconds(LockTimeoutSeconds);

    /// <summary>The assembly holding the provider's migrations (db-migrations/).</summary>
    public static string MigrationsAssembly(DatabaseProvider provider) => $"EmanciPay.Migrations.{provider}";
}
