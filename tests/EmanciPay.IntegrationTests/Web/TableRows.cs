using EmanciPay.IntegrationTests.Support;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>Row counts of every table of the app's schema, to show that a refused request wrote nothing.</summary>
internal static class TableRows
{
    // Keys the app makes when it first needs one; Hangfire lives in its own schema and is not counted.
    private static readonly HashSet<string> Ignored = ["DataProtectionKeys", "__EFMigrationsHistory"];

    public static async Task<Dictionary<string, long>> CountAsync(AppFixture app)
    {
        await using var connection = await app.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new Dictionary<string, long>();
        await using var count = connection.CreateCommand();
        count.CommandText = string.Join(" UNION ALL ", tables.Where(t => !Ignored.Contains(t)).Select(t => $"SELECT '{t}', count(*) FROM \"{t}\""));
        await using (var rows = await count.ExecuteReaderAsync())
        {
            while (await rows.ReadAsync())
            {
                counts[rows.GetString(0)] = rows.GetInt64(1);
            }
        }

        return counts;
    }

    /// <summary>
    /// The counts once the app has stopped writing on its own: the emulator's webhooks delivered and processed, and two
    /// counts a moment apart the same.
    /// </summary>
    public static async Task<Dictionary<string, long>> SettledCountAsync(AppFixture app)
    {
        await PayoutsFinishedAsync(app);
        await app.StripeEventsProcessedAsync();
        var counts = await CountAsync(app);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            await Task.Delay(25);
            var again = await CountAsync(app);
            if (!Changes(counts, again).Any())
            {
                return again;
            }

            counts = again;
        }

        throw new TimeoutException($"The app kept writing: {string.Join("; ", Changes(counts, await CountAsync(app)))}");
    }

    /// <summary>An accepted payout goes on writing (its transfer job, the ledger, Stripe's event) until it is paid or failed.</summary>
    private static async Task PayoutsFinishedAsync(AppFixture app)
    {
        await using var connection = await app.OpenAsync();
        await using var unfinished = connection.CreateCommand();
        unfinished.CommandText = "SELECT count(*) FROM \"Payouts\" WHERE \"Status\" IN ('Approved', 'Transferring')";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Convert.ToInt64(await unfinished.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Payouts were still being transferred after 30 seconds.");
            }

            await Task.Delay(50);
        }
    }

    public static IEnumerable<string> Changes(Dictionary<string, long> before, Dictionary<string, long> after) =>
        after.Where(t => before.GetValueOrDefault(t.Key) != t.Value).Select(t => $"{t.Key} went from {before.GetValueOrDefault(t.Key)} to {t.Value} rows");

    /// <summary>Runs the requests a few at a time: fast, without starving the test server's database pool.</summary>
    public static async Task<List<TResult>> InParallelAsync<T, TResult>(IEnumerable<T> items, Func<T, Task<TResult>> send, int atOnce = 8)
    {
        using var gate = new SemaphoreSlim(atOnce);
        return [.. await Task.WhenAll(items.Select(async item =>
        {
            await gate.WaitAsync();
            try
            {
                return await send(item);
            }
            finally
            {
                gate.Release();
            }
        }))];
    }
}
