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

    /// <summary>The assembly holding the provider's migrations (db-migrations/).</summary>
    public static string MigrationsAssembly(DatabaseProvider provider) => $"EmanciPay.Migrations.{provider}";
}
