using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmanciPay.Application.Common;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EmanciPay.IntegrationTests.Features.Pledges;

/// <summary>
/// Stripe answering every call after 3 seconds, on a connection pool of 10. Nothing may hold a connection in a
/// transaction across a Stripe call: PostgreSQL's pg_stat_activity, sampled throughout, must never show a session
/// of the app idle in a transaction for longer than a second (a Stripe call takes three).
/// </summary>
[Collection(SmallPoolCollection.Name)]
public sealed class SlowStripeTests(SmallPoolFixture fixture) : IntegrationTest(fixture)
{
    private static readonly TimeSpan Latency = TimeSpan.FromSeconds(3);

    private readonly PledgeKit kit = new(fixture);

    [Fact]
    public async Task Thirty_concurrent_pledges_complete_on_a_pool_of_ten_with_no_transaction_open_during_a_stripe_call()
    {
        await kit.AddStationAsync();
        App.Factory.Emulator.Faults.Latency = Latency;

        await using var sampler = new SessionSampler(fixture.SamplerConnectionString, SmallPoolFixture.ApplicationName);
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => kit.PostPledgeAsync(PledgeKit.Body(1000 + i), $"slow-{i}"))));
        var (idleInTransaction, sessions) = await sampler.StopAsync();

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(30, await kit.CountAsync<Domain.Pledges.Pledge>());
        Assert.True(idleInTransaction.Count == 0, "Idle in a transaction across a Stripe call, after: " + string.Join(Environment.NewLine, idleInTransaction));
        Assert.InRange(sessions, 1, 10);
    }

    [Fact]
    public async Task A_burst_of_webhooks_and_pledges_completes_on_a_pool_of_ten_with_no_transaction_open_during_a_stripe_call()
    {
        await kit.AddStationAsync();
        var pledges = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => kit.PledgeAsync(1000, key: $"paid-{i}")));
        App.Factory.Emulator.Faults.Latency = Latency;

        await using var sampler = new SessionSampler(fixture.SamplerConnectionString, SmallPoolFixture.ApplicationName);
        var paid = Task.WhenAll(pledges.Select(p => Task.Run(() => kit.PayAsync(p))));
        var more = Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => kit.PostPledgeAsync(PledgeKit.Body(1000), $"more-{i}"))));
        Assert.All(await paid, Assert.NotNull);
        Assert.All(await more, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        await PaymentsRecordedAsync(30, TimeSpan.FromMinutes(2));
        var (idleInTransaction, sessions) = await sampler.StopAsync();

        Assert.Equal(30 * 941, (await kit.EscrowAsync()).AvailableCredit);
        Assert.True(idleInTransaction.Count == 0, "Idle in a transaction across a Stripe call, after: " + string.Join(Environment.NewLine, idleInTransaction));
        Assert.InRange(sessions, 1, 10);
    }

    private async Task PaymentsRecordedAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.CountAsync()) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{count} payments were not recorded within {timeout}.");
            await Task.Delay(200);
        }
    }

    /// <summary>Samples pg_stat_activity every 50 ms, on a connection of its own (another pool), until stopped.</summary>
    private sealed class SessionSampler : IAsyncDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task<(HashSet<string> IdleInTransaction, int Sessions)> sampling;

        public SessionSampler(string connectionString, string applicationName) => sampling = SampleAsync(connectionString, applicationName);

        public async Task<(HashSet<string> IdleInTransaction, int Sessions)> StopAsync()
        {
            await stop.CancelAsync();
            return await sampling;
        }

        public async ValueTask DisposeAsync()
        {
            if (!stop.IsCancellationRequested)
            {
                await StopAsync();
            }

            stop.Dispose();
        }

        /// <returns>The last statements of the sessions seen idle in a transaction for over a second, and the most sessions of the app at once.</returns>
        private async Task<(HashSet<string>, int)> SampleAsync(string connectionString, string applicationName)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var sample = new NpgsqlCommand(
                """
                SELECT CASE WHEN state = 'idle in transaction' AND clock_timestamp() - state_change > interval '1 second' THEN query END
                FROM pg_stat_activity WHERE datname = current_database() AND application_name = @application
                """,
                connection);
            sample.Parameters.AddWithValue("application", applicationName);
            var (idle, sessions) = (new HashSet<string>(StringComparer.Ordinal), 0);
            while (!stop.IsCancellationRequested)
            {
                await using (var reader = await sample.ExecuteReaderAsync())
                {
                    var count = 0;
                    while (await reader.ReadAsync())
                    {
                        count++;
                        if (!reader.IsDBNull(0))
                        {
                            idle.Add(reader.GetString(0));
                        }
                    }

                    sessions = Math.Max(sessions, count);
                }

                try
                {
                    await Task.Delay(50, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            return (idle, sessions);
        }
    }
}

/// <summary>PostgreSQL with the app's connection pool at 10 (Maximum Pool Size=10), and a name to find its sessions by.</summary>
public sealed class SmallPoolFixture : AppFixture
{
    public const string ApplicationName = "emancipay-small-pool";

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    /// <summary>The same database through another pool, so that watching takes none of the app's ten connections.</summary>
    public string SamplerConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = "emancipay-sampler", MaxPoolSize = 1 }.ConnectionString;

    protected override async Task<string> CreateDatabaseAsync() =>
        new NpgsqlConnectionStringBuilder(await TestPostgres.CreateEmptyDatabaseAsync("emancipay_small_pool_tests")) { MaxPoolSize = 10, ApplicationName = ApplicationName }.ConnectionString;
}

[CollectionDefinition(Name)]
public sealed class SmallPoolCollection : ICollectionFixture<SmallPoolFixture>
{
    public const string Name = "PostgreSQL with a pool of 10";
}
