using Npgsql;

namespace EmanciPay.IntegrationTests.Support;

/// <summary>The PostgreSQL server that tests/run.sh started. Without it, tests fail loudly: they are never skipped.</summary>
public static class TestPostgres
{
    public const string Variable = "EMANCIPAY_TEST_POSTGRES";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set. Run the tests with tests/run.sh, which starts a throwaway PostgreSQL and sets it.");

    /// <summary>Drops (if there) and creates an empty database, returning its connection string.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, MaxPoolSize = 30 }.ConnectionString;
    }
}
