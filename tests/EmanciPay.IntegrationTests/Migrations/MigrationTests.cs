using EmanciPay.Infrastructure.Payments;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace EmanciPay.IntegrationTests.Migrations;

/// <summary>
/// The three providers' migrations stay in step with the model and with each other, and the SQL scripts for DBAs are
/// current. SQL Server cannot run here, so its script is parsed with Microsoft's own T-SQL parser instead.
/// </summary>
public sealed class MigrationTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql, DatabaseProvider.SqlServer];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_model_change_has_a_migration(DatabaseProvider provider)
    {
        using var db = Context(provider);

        Assert.False(db.Database.HasPendingModelChanges(), $"The model has changes without a {provider} migration: run db-migrations/add-migration.sh <Name>.");
    }

    [Fact]
    public void Every_provider_has_the_same_migrations_by_name()
    {
        var names = Enum.GetValues<DatabaseProvider>().Select(p =>
        {
            using var db = Context(p);
            return string.Join(",", db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]));
        }).ToList();

        Assert.NotEqual("", names[0]);
        Assert.All(names, n => Assert.Equal(names[0], n));
    }

    [Fact]
    public void The_sql_server_script_parses_without_errors()
    {
        var script = Script(DatabaseProvider.SqlServer);

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        var fragment = parser.Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
        var statements = ((TSqlScript)fragment).Batches.Sum(b => b.Statements.Count);
        Assert.True(statements > 20, $"expected the whole schema, parsed {statements} statements");
        Assert.Contains("CREATE UNIQUE INDEX [IX_JournalEntries_IdempotencyKey]", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sql_server_query_that_locks_stripe_events_parses_and_skips_locked_rows()
    {
        using var db = Context(DatabaseProvider.SqlServer);
        // ToQueryString declares raw SQL's parameters without their '@'; the command EF sends has it.
        var sql = System.Text.RegularExpressions.Regex.Replace(new StripeEventInbox(db).ReceivedLocked(["evt_1", "evt_2"]).ToQueryString(), @"^DECLARE (\w)", "DECLARE @$1", System.Text.RegularExpressions.RegexOptions.Multiline);

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")) + Environment.NewLine + sql);
        Assert.Contains("READPAST", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sql_server_parser_would_catch_a_broken_script()
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(Script(DatabaseProvider.SqlServer).Replace("CREATE TABLE", "CREATE TABEL", StringComparison.Ordinal));

        parser.Parse(reader, out var errors);

        Assert.NotEmpty(errors);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_committed_sql_script_is_current(DatabaseProvider provider)
    {
        var path = Path.Combine(RepositoryPaths.Root, "db-migrations", "sql", provider.ToString().ToLowerInvariant() + ".sql");

        Assert.True(File.Exists(path), $"{path} is missing: run db-migrations/add-migration.sh");
        Assert.True(Normalise(File.ReadAllText(path)) == Normalise(Script(provider)), $"{path} is stale: run db-migrations/add-migration.sh");
    }

    private static string Script(DatabaseProvider provider)
    {
        using var db = Context(provider);
        var options = provider == DatabaseProvider.Sqlite ? MigrationsSqlGenerationOptions.Default : MigrationsSqlGenerationOptions.Idempotent;
        return db.GetService<IMigrator>().GenerateScript(options: options);
    }

    private static string Normalise(string script) => script.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\uFEFF', '\n', ' ');

    private static AppDbContext Context(DatabaseProvider provider)
    {
        var connectionString = provider switch
        {
            DatabaseProvider.Sqlite => "Data Source=:memory:",
            DatabaseProvider.PostgreSql => "Host=localhost;Database=unused",
            _ => "Server=localhost;Database=unused;TrustServerCertificate=True",
        };
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseProvider(provider, connectionString);
        return new AppDbContext(options.Options);
    }
}
