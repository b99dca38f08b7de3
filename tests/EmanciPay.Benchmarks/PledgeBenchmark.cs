using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Npgsql;

namespace EmanciPay.Benchmarks;

/// <summary>A pledge drive's spike: concurrent listeners each create a pledge through <c>POST /api/v1/pledges</c> with
/// its own Idempotency-Key, on PostgreSQL with the Stripe emulator in process, against pgbench's built-in tpcb-like
/// script on the same server in the same run. Run by hand: tests/EmanciPay.Benchmarks/run.sh --mode pledges.</summary>
internal static class PledgeBenchmark
{
    public static async Task<int> RunAsync(BenchmarkRun run)
    {
        var pledges = run.Arg("--pledges", 3000);
        var warmup = run.Arg("--warmup", 1000);
        var concurrency = run.Arg("--concurrency", 16);
        var pgbenchSeconds = run.Arg("--pgbench-seconds", 15);
        var connectionString = await run.CreateDatabaseAsync("emancipay_bench");
        var latencies = new double[pledges];
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        TimeSpan elapsed;
        TimeSpan appCpu;
        var (app, http) = await BenchmarkRun.StartAppAsync(connectionString);
        await using (app)
        using (http)
        {
            // Warm-up (not timed): the server's code is compiled and its connection pools filled, as in a server that has been up a while.
            Console.WriteLine($"Warming up with {warmup} pledges...");
            await PledgeAsync(http, 0, new double[warmup]);

            Console.WriteLine($"Creating {pledges} pledges with concurrency {concurrency}...");
            var clock = Stopwatch.StartNew();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            await PledgeAsync(http, warmup, latencies);
            elapsed = clock.Elapsed;
            appCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        }

        var books = await VerifyAsync(connectionString, warmup + pledges);
        var rate = pledges / elapsed.TotalSeconds;
        var failed = failures.Values.Sum();
        Array.Sort(latencies);
        Console.WriteLine($"pledges {pledges}, failed {failed} ({string.Join(", ", failures.Select(f => $"{f.Key} x {f.Value}"))}), concurrency {concurrency}, all answered after {elapsed.TotalSeconds:0.00} s");
        Console.WriteLine(books);
        // The app, its emulator and these clients share one process: its CPU per pledge is what the app costs.
        Console.WriteLine($"process CPU per pledge (app, emulator and clients): {appCpu.TotalMilliseconds / pledges:0.00} ms");
        var pgbench = await run.RunPgbenchAsync(concurrency, pgbenchSeconds);
        Console.WriteLine();
        Console.WriteLine("| measure | EmanciPay pledges | pgbench tpcb-like |");
        Console.WriteLine("| --- | --- | --- |");
        Console.WriteLine($"| rate (per second) | {rate:0.0} pledges | {pgbench.Tps:0.0} transactions |");
        Console.WriteLine($"| p50 latency (ms) | {BenchmarkRun.Percentile(latencies, 0.50):0.00} | {pgbench.P50:0.00} |");
        Console.WriteLine($"| p99 latency (ms) | {BenchmarkRun.Percentile(latencies, 0.99):0.00} | {pgbench.P99:0.00} |");
        Console.WriteLine($"| errors | {failed} | |");
        Console.WriteLine($"| ratio | {rate / pgbench.Tps:P0} of pgbench | |");
        return failed == 0 && books.Ok ? 0 : 1;

        Task PledgeAsync(HttpClient http, int first, double[] latencyMs) =>
            Parallel.ForEachAsync(Enumerable.Range(0, latencyMs.Length), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
            {
                var n = first + i;
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/pledges")
                {
                    Content = JsonContent.Create(new { station = "kexp-fm", amount = 1000 + (n % 500), currency = "usd", frequency = "one_time", email = $"listener{n}@example.test" }),
                };
                request.Headers.Add("Idempotency-Key", $"pledge-bench-{n}");
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request, ct);
                    latencyMs[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        failures.AddOrUpdate(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), 1, (_, count) => count + 1);
                    }
                }
                catch (HttpRequestException exception)
                {
                    latencyMs[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    failures.AddOrUpdate(exception.GetType().Name, 1, (_, count) => count + 1);
                }
            });
    }

    /// <summary>Every pledge has exactly one checkout, and every idempotency key's response is stored for a replay.</summary>
    private static async Task<Books> VerifyAsync(string connectionString, int expected)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task<long> Scalar(string sql) => Convert.ToInt64(await new NpgsqlCommand(sql, connection).ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        var pledgeRows = await Scalar("""SELECT count(*) FROM "Pledges" """);
        var withCheckout = await Scalar("""SELECT count(DISTINCT "CheckoutSessionId") FROM "Pledges" """);
        var completed = await Scalar("""SELECT count(*) FROM "IdempotentRequests" WHERE "ResponseJson" IS NOT NULL""");
        var held = await Scalar("""SELECT count(*) FROM "IdempotentRequests" WHERE "ResponseJson" IS NULL""");
        var ok = pledgeRows == expected && withCheckout == expected && completed == expected && held == 0;
        return new Books(ok, $"books: {pledgeRows} pledges for {expected} requests, {withCheckout} distinct checkouts, {completed} idempotency keys with a stored response, {held} still held: {(ok ? "OK" : "WRONG")}");
    }
}
