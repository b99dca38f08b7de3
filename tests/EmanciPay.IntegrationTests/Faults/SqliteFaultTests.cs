using System.Data.Common;
using EmanciPay.Domain.Pledges;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static EmanciPay.IntegrationTests.Faults.DatabaseFaultChecks;

namespace EmanciPay.IntegrationTests.Faults;

/// <summary>
/// The embedded database locked by someone else (another process, a backup, sqlite3 at a prompt): in WAL mode readers
/// carry on, writers give up after the lock timeout with 503, and the readiness check says so until the lock is gone.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class SqliteLockTests(SqliteFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task A_database_locked_by_another_connection_answers_503_within_seconds_and_is_unready_until_released()
    {
        var kit = new PledgeKit(App);
        await kit.AddStationAsync();
        using var browser = BrowserClient(App.Factory);
        using var form = await PayFormAsync(browser);
        await AssertReadyAsync(App.Factory);

        await using var other = await App.OpenAsync();
        await ExecuteAsync(other, "BEGIN EXCLUSIVE");
        try
        {
            await AssertUnreadyAsync(App.Factory);
            await AssertUnavailableAsync(await TimedAsync(() => PledgeAsync(kit, "while-locked")), "database_locked", retryAfterSeconds: 5);
            var page = await TimedAsync(() => browser.PostAsync("/stations/kexp-fm?handler=Pay", form));
            await AssertFriendlyPageAsync(page.Response);
            Assert.True(page.Took < Quickly, $"The page took {page.Took.TotalSeconds:0.0} s.");
        }
        finally
        {
            await ExecuteAsync(other, "ROLLBACK");
        }

        await AssertReadyAsync(App.Factory);
        await AssertCreatedAsync(await PledgeAsync(kit, "while-locked"));
        Assert.Equal(1, await kit.CountAsync<Pledge>());
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// The embedded database out of space. Filling a disk needs a mount; SQLite's own limit does the same to the app's
/// connections (PRAGMA max_page_count, which SQLite answers with SQLITE_FULL, "database or disk is full", exactly as for
/// a full disk), set by a connection interceptor the test switches on.
/// </summary>
public sealed class SqliteFullTests(SqliteFullTests.FullFixture fixture) : IntegrationTest(fixture), IClassFixture<SqliteFullTests.FullFixture>
{
    [Fact]
    public async Task A_full_database_answers_503_at_once_and_is_unready_until_a_write_succeeds()
    {
        var kit = new PledgeKit(App);
        await kit.AddStationAsync();
        await AssertReadyAsync(App.Factory);

        var cap = ((FullFixture)App).Cap;
        cap.On = true;
        (HttpResponseMessage Response, TimeSpan Took)? refused = null;
        for (var i = 0; i < 500 && refused is null; i++)
        {
            var answer = await TimedAsync(() => PledgeAsync(kit, $"filling-{i}"));
            if (answer.Response.StatusCode != System.Net.HttpStatusCode.Created)
            {
                refused = answer;
            }
        }

        Assert.NotNull(refused);
        await AssertUnavailableAsync(refused.Value, "database_full", retryAfterSeconds: 60);
        await AssertUnreadyAsync(App.Factory);

        cap.On = false;
        await AssertCreatedAsync(await PledgeAsync(kit, "after-space-was-freed"));
        await AssertReadyAsync(App.Factory);
    }

    public sealed class FullFixture : AppFixture
    {
        public SizeCap Cap { get; } = new();

        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        protected override Action<IServiceCollection>? TestServices => services => services.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(Cap));

        protected override Task<string> CreateDatabaseAsync()
        {
            var directory = Directory.CreateTempSubdirectory("emancipay-sqlite-full-");
            return Task.FromResult($"Data Source={Path.Combine(directory.FullName, "emancipay.db")}");
        }
    }

    /// <summary>While on, each connection of the app may not grow the database past its size when the connection opened.</summary>
    public sealed class SizeCap : DbConnectionInterceptor
    {
        private volatile bool on;

        public bool On
        {
            get => on;
            set => on = value;
        }

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = Pragma(connection);
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = Pragma(connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // SQLite raises a limit below the file's size to the size; the largest value is its default.
        private DbCommand Pragma(DbConnection connection)
        {
            var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA max_page_count = {(on ? 1 : 4294967294)}";
            return command;
        }
    }
}
