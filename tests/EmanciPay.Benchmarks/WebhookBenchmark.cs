using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmanciPay.Infrastructure.Payments;
using EmanciPay.StripeEmulator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EmanciPay.Benchmarks;

/// <summary>Signed payment webhooks, delivered concurrently to the app on PostgreSQL (10% duplicates), against pgbench's
/// built-in tpcb-like script on the same server in the same run. Run by hand: tests/EmanciPay.Benchmarks/run.sh.</summary>
internal static class WebhookBenchmark
{
    public static async Task<int> RunAsync(BenchmarkRun run)
    {
        var payments = run.Arg("--payments", 10000);
        var concurrency = run.Arg("--concurrency", 16);
        var pgbenchSeconds = run.Arg("--pgbench-seconds", 30);
        var warmup = run.Arg("--warmup", 2000);
        var connectionString = await run.CreateDatabaseAsync("emancipay_bench");
        var (app, http) = await BenchmarkRun.StartAppAsync(connectionString);
        await using var disposeApp = app;
        using var disposeHttp = http;
        var emulator = app.Services.GetRequiredService<EmanciPay.StripeEmulator.StripeEmulator>();
        var secret = app.Services.GetRequiredService<StripeSettings>().WebhookSigningSecret;

        // Setup: pledges paid at the emulator with every webhook held back, so the measured deliveries do all the work.
        Console.WriteLine($"Setting up {warmup} + {payments} paid pledges...");
        emulator.Webhooks.DropNext(int.MaxValue);
        var intents = new string[warmup + payments];
        await Parallel.ForEachAsync(Enumerable.Range(0, intents.Length), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/pledges")
            {
                Content = JsonContent.Create(new { station = "kexp-fm", amount = 1000 + (i % 500), currency = "usd", frequency = "one_time", email = $"bench{i}@example.test" }),
            };
            request.Headers.Add("Idempotency-Key", $"bench-{i}");
            var pledge = await (await http.SendAsync(request, ct)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(ct);
            var checkout = new Uri(pledge.GetProperty("checkoutUrl").GetString()!);
            await http.PostAsync(checkout.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["card_number"] = "4242424242424242" }), ct);
            intents[i] = emulator.FindCheckoutSession(checkout.Segments[^1])!["payment_intent"]!.GetValue<string>();
        });

        var events = intents.Select((intent, i) => new JsonObject
        {
            ["id"] = $"evt_bench_{i}",
            ["object"] = "event",
            ["api_version"] = emulator.Options.ApiVersion,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["type"] = "payment_intent.succeeded",
            ["livemode"] = false,
            ["data"] = new JsonObject { ["object"] = emulator.Retrieve(intent, "payment_intent", []) },
        }.ToJsonString()).ToArray();
        var random = new Random(20261124);
        var measured = events[warmup..];
        var deliveries = measured.Concat(Enumerable.Range(0, payments / 10).Select(_ => measured[random.Next(measured.Length)])).OrderBy(_ => random.Next()).ToArray();
        var failures = 0;

        // Warm-up (not timed): the server's code is compiled and its connection pools filled, as in a server that has been up a while.
        Console.WriteLine($"Warming up with {warmup} webhooks...");
        await DeliverAsync(events[..warmup], new double[warmup]);
        await InboxEmptyAsync();

        Console.WriteLine($"Delivering {deliveries.Length} webhooks ({deliveries.Length - payments} duplicates) with concurrency {concurrency}...");
        var latencies = new double[deliveries.Length];
        var clock = Stopwatch.StartNew();
        await DeliverAsync(deliveries, latencies);
        var acknowledged = clock.Elapsed;

        // Stripe has its answers; the payments are in our books once the inbox is empty.
        await InboxEmptyAsync();
        var elapsed = clock.Elapsed;
        var posting = await PostingLatencyAsync(connectionString, measured.Length);

        var books = await VerifyAsync(connectionString, warmup + payments);
        var pgbench = await run.RunPgbenchAsync(concurrency, pgbenchSeconds);
        var webhookRate = deliveries.Length / elapsed.TotalSeconds;
        Array.Sort(latencies);
        Console.WriteLine();
        Console.WriteLine($"| measure | EmanciPay webhooks | pgbench tpcb-like |");
        Console.WriteLine($"| --- | --- | --- |");
        Console.WriteLine($"| rate (per second) | {webhookRate:0.0} deliveries, posted | {pgbench.Tps:0.0} transactions |");
        Console.WriteLine($"| answered (per second) | {deliveries.Length / acknowledged.TotalSeconds:0.0} deliveries | |");
        Console.WriteLine($"| p50 latency (ms) | {BenchmarkRun.Percentile(latencies, 0.50):0.00} | {pgbench.P50:0.00} |");
        Console.WriteLine($"| p99 latency (ms) | {BenchmarkRun.Percentile(latencies, 0.99):0.00} | {pgbench.P99:0.00} |");
        Console.WriteLine($"| p50 / p99 received to posted (ms) | {posting.P50:0.00} / {posting.P99:0.00} | |");
        Console.WriteLine($"| ratio | {webhookRate / pgbench.Tps:P0} of pgbench | |");
        Console.WriteLine();
        Console.WriteLine($"deliveries {deliveries.Length}, failed {failures}, concurrency {concurrency}, all answered after {acknowledged.TotalSeconds:0.00} s, all posted after {elapsed.TotalSeconds:0.00} s");
        Console.WriteLine(books);
        return failures == 0 && books.Ok ? 0 : 1;

        Task DeliverAsync(string[] batch, double[] latencyMs) =>
            Parallel.ForEachAsync(Enumerable.Range(0, batch.Length), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(batch[i], Encoding.UTF8, "application/json") };
                request.Headers.Add("Stripe-Signature", WebhookDispatcher.Sign(batch[i], secret, DateTimeOffset.UtcNow));
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request, ct);
                latencyMs[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            });

        async Task InboxEmptyAsync()
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var unprocessed = new NpgsqlCommand("""SELECT count(*) FROM "StripeEvents" WHERE "Status" = 'Received'""", connection);
            while (Convert.ToInt64(await unprocessed.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0)
            {
                await Task.Delay(20);
            }
        }

        static async Task<(double P50, double P99)> PostingLatencyAsync(string cs, int newest)
        {
            await using var connection = new NpgsqlConnection(cs);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                """
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)
                FROM (SELECT extract(epoch FROM "ProcessedAt" - "ReceivedAt") * 1000 AS ms FROM "StripeEvents" ORDER BY "ReceivedAt" DESC LIMIT @newest) e
                """,
                connection);
            command.Parameters.AddWithValue("newest", newest);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetDouble(0), reader.GetDouble(1));
        }

        async Task<Books> VerifyAsync(string cs, int expected)
        {
            await using var connection = new NpgsqlConnection(cs);
            await connection.OpenAsync();
            async Task<long> Scalar(string sql) => Convert.ToInt64(await new NpgsqlCommand(sql, connection).ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            var entries = await Scalar("""SELECT count(*) FROM "JournalEntries" WHERE "IdempotencyKey" LIKE 'payment:%'""");
            var duplicated = await Scalar("""SELECT count(*) FROM (SELECT "IdempotencyKey" FROM "JournalEntries" GROUP BY "IdempotencyKey" HAVING count(*) > 1) d""");
            var paymentRows = await Scalar("""SELECT count(*) FROM "Payments" """);
            var processed = await Scalar("""SELECT count(*) FROM "StripeEvents" WHERE "ProcessedAt" IS NOT NULL""");
            var escrow = await Scalar("""SELECT sum("CreditsPosted" - "DebitsPosted") FROM "LedgerBalances" b JOIN "LedgerAccounts" a ON a."Id" = b."AccountId" WHERE a."Code" LIKE 'escrow:%'""");
            var net = await Scalar("""SELECT sum("Gross" - "Fee") FROM "Payments" """);
            var trial = await Scalar("""SELECT sum("DebitsPosted" - "CreditsPosted") FROM "LedgerBalances" """);
            var ok = entries == expected && duplicated == 0 && paymentRows == expected && processed == expected && escrow == net && trial == 0;
            return new Books(ok, $"books: {entries} payment entries for {expected} payments, {duplicated} idempotency keys posted twice, {paymentRows} payment rows, {processed} events processed, escrow {escrow} = sum of nets {net}, trial balance {trial}: {(ok ? "OK" : "WRONG")}");
        }
    }
}
