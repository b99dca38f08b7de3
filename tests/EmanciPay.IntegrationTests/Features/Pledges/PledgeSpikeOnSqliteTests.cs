using System.Diagnostics;
using System.Net;
using EmanciPay.Domain.Pledges;
using EmanciPay.IntegrationTests.Support;
using Xunit.Abstractions;

namespace EmanciPay.IntegrationTests.Features.Pledges;

/// <summary>The embedded default under a pledge-drive spike: SQLite in WAL mode, its writers queued in the app.</summary>
[Collection(SqliteCollection.Name)]
public sealed class PledgeSpikeOnSqliteTests(SqliteFixture fixture, ITestOutputHelper output) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Two_hundred_concurrent_pledges_on_sqlite_all_succeed_with_no_database_is_locked()
    {
        var kit = new PledgeKit(App);
        await kit.AddStationAsync();
        App.Factory.Emulator.Faults.Latency = TimeSpan.FromMilliseconds(200);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            var response = await kit.PostPledgeAsync(PledgeKit.Body(1000 + i), $"spike-{i}");
            return (response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        })));
        var elapsed = results.Select(r => r.TotalMilliseconds).Order().ToList();
        output.WriteLine($"200 concurrent pledges on SQLite: p50 {elapsed[99]:0} ms, p99 {elapsed[197]:0} ms");
        await using var connection = await App.OpenAsync();
        await using var journal = connection.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode";

        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(200, await kit.CountAsync<Pledge>());
        Assert.Equal("wal", (string?)await journal.ExecuteScalarAsync());
    }
}
