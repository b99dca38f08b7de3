using System.Diagnostics;
using EmanciPay.IntegrationTests.Support;
using Npgsql;

namespace EmanciPay.IntegrationTests.Features.Payments;

/// <summary>
/// Stripe's latency must never become lock or pool time: while the inbox worker waits for Stripe, no session of ours
/// sits idle inside a transaction. PostgreSQL's pg_stat_activity is watched while the emulator answers slowly.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StripeCallsOutsideTransactionsTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private static readonly TimeSpan StripeLatency = TimeSpan.FromSeconds(1.5);

    private readonly PledgeKit kit = new(fixture);

    [Fact]
    public async Task Processing_webhooks_holds_no_transaction_open_while_stripe_answers()
    {
        await kit.AddStationAsync();
        App.Factory.Emulator.Webhooks.Hold();
        var pledge = await kit.PledgeAsync(1000);
        await kit.PayAsync(pledge);
        App.Factory.Emulator.Faults.Latency = StripeLatency;

        using var watching = new CancellationTokenSource();
        var watcher = SessionsIdleInTransactionAsync(StripeLatency / 3, watching.Token);
        var started = Stopwatch.GetTimestamp();
        App.Factory.Emulator.Webhooks.Release();
        await kit.WebhooksDeliveredAsync();
        var elapsed = Stopwatch.GetElapsedTime(started);
        await watching.CancelAsync();
        var held = await watcher;

        // Posting the payment needed Stripe's fee, so at least one slow call was made while the sessions were watched.
        Assert.True(elapsed >= StripeLatency, $"Processing took {elapsed}, less than one Stripe call.");
        Assert.Empty(held);
        Assert.Equal(941, (await kit.EscrowAsync()).AvailableCredit);
    }

    /// <summary>Every session of the app's database seen idle inside a transaction for longer than <paramref name="longerThan"/>.</summary>
    private async Task<List<string>> SessionsIdleInTransactionAsync(TimeSpan longerThan, CancellationToken cancellationToken)
    {
        var seen = new List<string>();
        await using var connection = (NpgsqlConnection)await App.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT pid, query FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
              AND state LIKE 'idle in transaction%' AND state_change < clock_timestamp() - @longerThan
            """,
            connection);
        command.Parameters.AddWithValue("longerThan", longerThan);
        while (!cancellationToken.IsCancellationRequested)
        {
            await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
            {
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    seen.Add($"{reader.GetInt32(0)}: {reader.GetString(1)}");
                }
            }

            try
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return seen;
    }
}
