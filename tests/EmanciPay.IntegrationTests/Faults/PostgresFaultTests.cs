using System.Data.Common;
using EmanciPay.Domain.Pledges;
using EmanciPay.IntegrationTests.Support;
using static EmanciPay.IntegrationTests.Faults.DatabaseFaultChecks;

namespace EmanciPay.IntegrationTests.Faults;

/// <summary>
/// PostgreSQL locked or full. A session holding ACCESS EXCLUSIVE on a hot table (a migration, a careless LOCK TABLE)
/// stops every statement on it: the app's sessions start with lock_timeout, so requests give up with 503 instead of
/// waiting out the command timeout. A full disk is PostgreSQL's error 53100 (disk_full), raised here by a trigger.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresFaultTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task A_table_locked_by_another_session_answers_503_within_seconds_and_is_unready_until_released()
    {
        var kit = new PledgeKit(App);
        await kit.AddStationAsync();
        using var browser = BrowserClient(App.Factory);
        using var form = await PayFormAsync(browser);
        await AssertReadyAsync(App.Factory);

        await using var other = await App.OpenAsync();
        await using (var transaction = await other.BeginTransactionAsync())
        {
            await ExecuteAsync(other, """LOCK TABLE "Pledges" IN ACCESS EXCLUSIVE MODE""", transaction);

            await AssertUnreadyAsync(App.Factory);
            await AssertUnavailableAsync(await TimedAsync(() => PledgeAsync(kit, "while-locked")), "database_locked", retryAfterSeconds: 5);
            var page = await TimedAsync(() => browser.PostAsync("/stations/kexp-fm?handler=Pay", form));
            await AssertFriendlyPageAsync(page.Response);
            Assert.True(page.Took < Quickly, $"The page took {page.Took.TotalSeconds:0.0} s.");
        }

        await AssertReadyAsync(App.Factory);
        await AssertCreatedAsync(await PledgeAsync(kit, "while-locked"));
        Assert.Equal(1, await kit.CountAsync<Pledge>());
    }

    [Fact]
    public async Task A_full_disk_answers_503_at_once_and_is_unready_until_a_write_succeeds()
    {
        var kit = new PledgeKit(App);
        await kit.AddStationAsync();
        await AssertReadyAsync(App.Factory);
        await using var admin = await App.OpenAsync();

        await ExecuteAsync(admin, """
            CREATE FUNCTION test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'could not extend file "base/1/2": No space left on device' USING ERRCODE = 'disk_full';
            END $$;
            CREATE TRIGGER test_disk_full BEFORE INSERT ON "Pledges" FOR EACH ROW EXECUTE FUNCTION test_disk_full();
            """);
        try
        {
            await AssertUnavailableAsync(await TimedAsync(() => PledgeAsync(kit, "while-full")), "database_full", retryAfterSeconds: 60);
            await AssertUnreadyAsync(App.Factory);
        }
        finally
        {
            await ExecuteAsync(admin, """DROP TRIGGER test_disk_full ON "Pledges"; DROP FUNCTION test_disk_full();""");
        }

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, (await ReadyAsync(App.Factory)).Status);
        await AssertCreatedAsync(await PledgeAsync(kit, "while-full"));
        await AssertReadyAsync(App.Factory);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
