using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using EmanciPay.Application.Features.Reconciliation;
using EmanciPay.Domain.Reconciliation;
using EmanciPay.Infrastructure.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EmanciPay.Benchmarks;

/// <summary>
/// Reconciliation of a month with a million Stripe balance transactions against a million ledger entries (issue 10
/// item 10). The itemized balance change report is written to disk beforehand with the columns our gateway asks for,
/// and the emulator serves every report run from that file, so what is timed is the app's own path: report run, file
/// download, CsvHelper stream, the ledger's side summed in PostgreSQL, the match and the discrepancies recorded, all
/// through <see cref="RunReconciliation"/>'s handler. A handful of known faults are injected and must be found exactly.
/// Run by hand: tests/EmanciPay.Benchmarks/run.sh --mode reconcile.
/// </summary>
internal static class ReconcileBenchmark
{
    // The columns StripeBalanceReportGateway asks the report for, in its order: the file Stripe would send.
    private const string Header = "balance_transaction_id,created_utc,currency,gross,fee,net,reporting_category,source_id,payment_intent_id";
    private const int Stations = 100;
    private const long Month = 30L * 86400;
    private const long RefundLag = 10L * 86400;

    private static readonly DateTimeOffset From = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddDays(31);

    public static async Task<int> RunAsync(BenchmarkRun run)
    {
        var refunds = run.Arg("--refunds", 50_000);
        var charges = run.Arg("--items", 1_000_000) - refunds + 1; // one charge only at Stripe and another only in the ledger
        var faults = Faults(charges);
        Console.WriteLine($"load average at start: {LoadAverage()}; server GC: {GCSettings.IsServerGC}");
        var connectionString = await run.CreateDatabaseAsync("emancipay_reconcile_bench");
        // --work-mem-mb N gives the app's sessions that much PostgreSQL work_mem (as a role setting would), 0 the server's default.
        var workMem = run.Arg("--work-mem-mb", 0);
        Console.WriteLine($"work_mem for the app's sessions: {(workMem > 0 ? $"{workMem} MB" : "the server's default")}");
        var appConnection = workMem > 0 ? $"{connectionString};Options=-c work_mem={workMem}MB" : connectionString;
        var (app, http) = await BenchmarkRun.StartAppAsync(appConnection);
        var report = Path.Combine(Path.GetTempPath(), "emancipay-bench-balance-report.csv");
        await using (app)
        using (http)
        {
            var load = Stopwatch.StartNew();
            var rows = await WriteReportAsync(report, charges, refunds);
            Console.WriteLine($"report file: {rows:N0} rows, {new FileInfo(report).Length / 1048576.0:0.0} MiB in {load.Elapsed.TotalSeconds:0.0} s");
            load.Restart();
            var entries = await LoadLedgerAsync(connectionString, charges, refunds);
            Console.WriteLine($"ledger: {entries:N0} entries loaded by SQL in {load.Elapsed.TotalSeconds:0} s");
            app.Services.GetRequiredService<StripeEmulator.StripeEmulator>().ServeReportsFrom(report);

            var ok = true;
            foreach (var label in new[] { "first run", "rerun of the same period" })
            {
                ok &= await ReconcileAsync(app, connectionString, label, faults);
            }

            await ExplainLedgerReadAsync(appConnection);
            File.Delete(report);
            if (!ok)
            {
                return 1;
            }
        }

        var seconds = run.Arg("--pgbench-seconds", 15);
        var clients = run.Arg("--pgbench-clients", 4);
        Console.WriteLine($"load average before pgbench: {LoadAverage()}");
        var (tps, p50, p99) = await run.RunPgbenchAsync(clients, seconds, selectOnly: true);
        Console.WriteLine($"pgbench select-only, {clients} clients, {seconds} s: {tps:0} tps, p50 {p50:0.00} ms, p99 {p99:0.00} ms; load average after: {LoadAverage()}");
        return 0;
    }

    /// <summary>The injected problems, as "source kind category": exactly these must be found.</summary>
    private static string[] Faults(int charges) =>
    [
        "pi_bench_200 MissingAtStripe charge",              // posted, but left out of the report
        $"pi_bench_{charges - 1} MissingInLedger charge",  // in the report, never posted
        "pi_bench_400 FeeDiffers charge",                  // posted with a fee a cent higher
        "pi_bench_500 AmountDiffers charge",               // posted a dollar higher
        "re_bench_300 AmountDiffers refund",               // refund posted a cent higher
    ];

    private static async Task<bool> ReconcileAsync(BenchApp app, string connectionString, string label, string[] faults)
    {
        Guid runId;
        await using (var scope = app.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope())
        {
            runId = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new StartReconciliation.Command(From, To));
        }

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var rssBefore = Status("VmRSS");
        File.WriteAllText("/proc/self/clear_refs", "5"); // resets VmHWM, the process's peak resident set, to now
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var pauses = GC.GetTotalPauseDuration();
        var collections = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
        using var sampling = new CancellationTokenSource();
        var heapPeak = SampleHeapAsync(sampling.Token);
        var loadBefore = LoadAverage();

        var clock = Stopwatch.StartNew();
        await using (var scope = app.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RunReconciliation.Command(runId));
        }

        var wall = clock.Elapsed;
        await sampling.CancelAsync();
        var peakHeap = await heapPeak;
        var peak = Status("VmHWM");
        Console.WriteLine($"""

            ## reconciliation, {label}
            wall {wall.TotalSeconds:0.00} s; peak working set (VmHWM) {peak / 1024.0:0} MiB (resident before the run {rssBefore / 1024.0:0} MiB); peak GC heap {peakHeap / 1048576.0:0} MiB
            allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0:0} MiB; GC pauses {(GC.GetTotalPauseDuration() - pauses).TotalMilliseconds:0} ms; collections gen0/1/2 {string.Join('/', Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collections[g]))}
            load average before {loadBefore}, after {LoadAverage()}
            """);

        await using var db = FinanceBenchmark.Context(connectionString, null);
        var result = await db.ReconciliationRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
        var found = await db.Discrepancies.AsNoTracking().Where(d => d.LastRunId == runId && d.Status != DiscrepancyStatus.Cleared)
            .Select(d => d.SourceId + " " + d.Kind + " " + d.Category).ToListAsync();
        var all = await db.Discrepancies.CountAsync();
        Console.WriteLine($"{result.Status} via {result.StripeSource}: Stripe {result.StripeItems:N0}, ledger {result.LedgerItems:N0}, matched {result.Matched:N0}, discrepancies {result.Discrepancies} ({all} rows stored)");
        foreach (var category in await db.ReconciliationCategories.AsNoTracking().Where(c => c.RunId == runId).OrderBy(c => c.Category).ToListAsync())
        {
            Console.WriteLine($"  {category.Category,-10} Stripe {category.StripeItems,9:N0}  ledger {category.LedgerItems,9:N0}  matched {category.Matched,9:N0}  discrepancies {category.Discrepancies}");
        }

        var exact = found.Order(StringComparer.Ordinal).SequenceEqual(faults.Order(StringComparer.Ordinal)) && all == faults.Length && result.Discrepancies == faults.Length;
        Console.WriteLine(exact ? "found exactly the injected faults" : $"FAILED: expected [{string.Join(", ", faults)}], found [{string.Join(", ", found)}]");
        return exact && result.Status == ReconciliationStatus.Succeeded && result.StripeSource == "report";
    }

    /// <summary>The ledger's side once more, on a context that keeps its commands, each then explained.</summary>
    private static async Task ExplainLedgerReadAsync(string connectionString)
    {
        var commands = new List<DbCommand>();
        await using (var db = FinanceBenchmark.Context(connectionString, new FinanceBenchmark.Capture(commands)))
        {
            var edge = new ReconciliationOptions().EdgeTolerance;
            await new ReconciliationLedger(db).AddAsync(new BalanceMatcher(From, To), From - edge, To + edge, default);
        }

        foreach (var command in commands.Where(c => c.CommandText.Contains("LedgerTransfers", StringComparison.Ordinal)))
        {
            Console.WriteLine($"\n## plan of the ledger's side\n{command.CommandText}\n");
            Console.WriteLine(await FinanceBenchmark.ExplainAsync(connectionString, command));
        }
    }

    // Charge i: created on a second of the month, its gross between 1.00 and 99.99, Stripe's fee 2.9% + 0.30;
    // refund j gives back half of charge j ten days later. The ledger posts each two seconds after Stripe.
    private static long Created(long i, int charges) => From.ToUnixTimeSeconds() + 10 + i * Month / charges;

    private static long Gross(long i) => 100 + i * 7919 % 9900;

    private static long Fee(long i) => (Gross(i) * 29 + 500) / 1000 + 30;

    private static async Task<long> WriteReportAsync(string path, int charges, int refunds)
    {
        await using var file = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), 1 << 16);
        await file.WriteAsync(Header + "\r\n");
        long rows = 0;
        var j = 0;
        for (var i = 0; i < charges; i++)
        {
            var at = Created(i, charges);
            for (; j < refunds && Created(j, charges) + RefundLag <= at; j++, rows++)
            {
                await file.WriteAsync(RefundRow(j, charges));
            }

            if (i == 200)
            {
                continue;
            }

            await file.WriteAsync($"txn_bench_c{i},{Time(at)},usd,{Major(Gross(i))},{Major(Fee(i))},{Major(Gross(i) - Fee(i))},charge,ch_bench_{i},pi_bench_{i}\r\n");
            rows++;
        }

        for (; j < refunds; j++, rows++)
        {
            await file.WriteAsync(RefundRow(j, charges));
        }

        return rows;
    }

    private static string RefundRow(int j, int charges) =>
        $"txn_bench_r{j},{Time(Created(j, charges) + RefundLag)},usd,{Major(-(Gross(j) / 2))},0.00,{Major(-(Gross(j) / 2))},refund,re_bench_{j},pi_bench_{j}\r\n";

    private static string Time(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Major(long minor) => (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// Escrow accounts for <see cref="Stations"/> stations, the platform's Stripe balance and processing fees accounts,
    /// and the entries in the shape PaymentRecorder and the refund recorder post through LedgerBook: a payment is the
    /// gross from stripe:balance into escrow, Stripe's fee from stripe:balance to fees:processing and on to the escrow;
    /// a refund is its amount from escrow back out of stripe:balance. Slot sequences are numbered per account slot;
    /// running balances (never read by reconciliation) are left at zero. Secondary indexes are dropped while loading.
    /// </summary>
    private static async Task<long> LoadLedgerAsync(string connectionString, int charges, int refunds)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task Sql(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }

        var indexes = new List<(string Name, string Definition)>();
        await using (var read = new NpgsqlCommand("SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('LedgerTransfers', 'JournalEntries') AND indexname NOT LIKE 'PK_%'", connection))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var index in indexes)
        {
            await Sql($"DROP INDEX \"{index.Name}\"");
        }

        const string stripe = "'00000000-0000-7000-8000-000000000001'::uuid";
        const string fees = "'00000000-0000-7000-8000-000000000002'::uuid";
        var from = From.ToUnixTimeSeconds();
        await Sql($"""
            SET session_replication_role = replica;
            CREATE TABLE bench_escrow AS SELECT n, gen_random_uuid() AS account FROM generate_series(0, {Stations - 1}) n;
            INSERT INTO "LedgerAccounts" ("Id", "Code", "Type", "Currency", "DebitsMustNotExceedCredits", "BalanceSlots", "OpenedAt")
              SELECT account, 'escrow:' || replace(gen_random_uuid()::text, '-', ''), 'Liability', 'USD', true, 1, timestamptz '2025-01-01' FROM bench_escrow
              UNION ALL VALUES ({stripe}, 'stripe:balance', 'Asset', 'USD', false, 8, timestamptz '2025-01-01'),
                               ({fees}, 'fees:processing', 'Expense', 'USD', false, 8, timestamptz '2025-01-01');
            INSERT INTO "LedgerBalances" ("AccountId", "Slot", "DebitsPosted", "CreditsPosted", "DebitsPending", "CreditsPending", "PostingCount")
              SELECT account, 0, 0, 0, 0, 0, 0 FROM bench_escrow
              UNION ALL SELECT a, s, 0, 0, 0, 0, 0 FROM unnest(ARRAY[{stripe}, {fees}]) a, generate_series(0, 7) s;

            CREATE TABLE bench_charges AS
              SELECT i, gen_random_uuid() AS id, to_timestamp({from} + 10 + i * {Month} / {charges} + 2) AS at, i % {Stations} AS station,
                     100 + i * 7919 % 9900 + CASE WHEN i = 500 THEN 100 ELSE 0 END AS gross,
                     ((100 + i * 7919 % 9900) * 29 + 500) / 1000 + 30 + CASE WHEN i = 400 THEN 1 ELSE 0 END AS fee
              FROM generate_series(0::bigint, {charges - 2}) i;
            CREATE TABLE bench_refunds AS
              SELECT j, gen_random_uuid() AS id, to_timestamp({from} + 10 + j * {Month} / {charges} + {RefundLag} + 2) AS at, j % {Stations} AS station,
                     (100 + j * 7919 % 9900) / 2 + CASE WHEN j = 300 THEN 1 ELSE 0 END AS amount
              FROM generate_series(0::bigint, {refunds - 1}) j;

            INSERT INTO "JournalEntries" ("Id", "CauseType", "CauseId", "IdempotencyKey", "Description", "PostedAt")
              SELECT id, 'payment', 'pi_bench_' || i, 'payment:pi_bench_' || i, 'Pledge paid', at FROM bench_charges
              UNION ALL
              SELECT id, 'refund', 're_bench_' || j, 'refund:re_bench_' || j, 'Refund re_bench_' || j, at FROM bench_refunds;
            INSERT INTO "LedgerTransfers" ("Id", "EntryId", "PostedAt", "Sequence", "Kind", "DebitAccountId", "CreditAccountId", "Amount", "Currency",
                "DebitSlot", "DebitSlotSequence", "DebitBalanceAfter", "CreditSlot", "CreditSlotSequence", "CreditBalanceAfter")
              SELECT gen_random_uuid(), c.id, c.at, 0, 'Posted', {stripe}, b.account, c.gross, 'USD', c.i % 8, (c.i / 8) * 2 + 1, 0, 0, (c.i / {Stations}) * 2 + 1, 0
              FROM bench_charges c JOIN bench_escrow b ON b.n = c.station
              UNION ALL
              SELECT gen_random_uuid(), c.id, c.at, 1, 'Posted', {fees}, {stripe}, c.fee, 'USD', c.i % 8, (c.i / 8) * 2 + 1, 0, c.i % 8, (c.i / 8) * 2 + 2, 0
              FROM bench_charges c
              UNION ALL
              SELECT gen_random_uuid(), c.id, c.at, 2, 'Posted', b.account, {fees}, c.fee, 'USD', 0, (c.i / {Stations}) * 2 + 2, 0, c.i % 8, (c.i / 8) * 2 + 2, 0
              FROM bench_charges c JOIN bench_escrow b ON b.n = c.station
              UNION ALL
              SELECT gen_random_uuid(), r.id, r.at, 0, 'Posted', b.account, {stripe}, r.amount, 'USD', 0, {charges} + r.j + 1, 0, r.j % 8, {charges} + r.j / 8 + 1, 0
              FROM bench_refunds r JOIN bench_escrow b ON b.n = r.station;
            DROP TABLE bench_charges;
            DROP TABLE bench_refunds;
            DROP TABLE bench_escrow;
            """);
        foreach (var index in indexes)
        {
            await Sql(index.Definition);
        }

        await Sql("ANALYZE");
        await using var count = new NpgsqlCommand("SELECT count(*) FROM \"JournalEntries\"", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>The largest managed heap seen, sampled every 50 ms while the run goes.</summary>
    private static async Task<long> SampleHeapAsync(CancellationToken stop)
    {
        long peak = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                await Task.Delay(50, stop);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
    }

    // A line of /proc/self/status in KiB ("VmHWM:   123456 kB").
    private static long Status(string field) =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
