using System.Data.Common;
using System.Diagnostics;
using EmanciPay.Application.Features.Finance;
using EmanciPay.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace EmanciPay.Benchmarks;

/// <summary>
/// The finance reads over a big ledger: a ledger of --postings postings (10,000,000 by default: half as many payment
/// entries, each the gross into a station's escrow and a fee out of it, over --stations stations and two years) is
/// written straight into PostgreSQL with its running balances, then random station statements and ledger-browser pages
/// (first pages and pages several cursors deep, with each filter) are timed, and each query's plan is printed with
/// EXPLAIN (ANALYZE, BUFFERS). Run by hand: tests/EmanciPay.Benchmarks/run.sh --mode finance.
/// </summary>
internal static class FinanceBenchmark
{
    public static async Task<int> RunAsync(BenchmarkRun run)
    {
        var postings = run.Arg("--postings", 10_000_000);
        var stations = run.Arg("--stations", 1000);
        var samples = run.Arg("--samples", 200);
        var connectionString = await run.CreateDatabaseAsync("emancipay_finance_bench");
        var (app, http) = await BenchmarkRun.StartAppAsync(connectionString);
        await using (app)
        using (http)
        {
            var load = Stopwatch.StartNew();
            await LoadAsync(connectionString, postings / 2, stations);
            Console.WriteLine($"loaded {postings:N0} postings over {stations} stations in {load.Elapsed.TotalSeconds:0} s");
        }

        var random = new Random(42);
        var kinds = new Dictionary<string, Func<AppDbContext, Task>>
        {
            ["statement, first page of a month"] = db => Statement(db, random, stations, pages: 1),
            ["statement, 5 pages deep"] = db => Statement(db, random, stations, pages: 5),
            ["ledger, newest page"] = db => Browse(db, new BrowseLedger.Query(), pages: 1),
            ["ledger, 5 pages deep"] = db => Browse(db, new BrowseLedger.Query(), pages: 5),
            ["ledger, a station's escrow in a month"] = db => Browse(db, new BrowseLedger.Query(Account: Slug(random, stations), From: Month(random), To: Month(random).AddDays(40)), pages: 1),
            ["ledger, stripe:balance 5 pages deep"] = db => Browse(db, new BrowseLedger.Query(Account: "stripe:balance"), pages: 5),
            ["ledger, cause payment in a date range"] = db => Browse(db, new BrowseLedger.Query(Cause: "payment", From: Month(random), To: Month(random).AddDays(60)), pages: 1),
            ["ledger, one cause id"] = db => Browse(db, new BrowseLedger.Query(Cause: "payment", CauseId: $"pi_bench_{random.Next(postings / 2)}"), pages: 1),
            ["ledger, amounts 4000 to 4010"] = db => Browse(db, new BrowseLedger.Query(MinAmount: 4000, MaxAmount: 4010), pages: 1),
            ["trial balance, a past day"] = db => new GetTrialBalance.Handler(db).Handle(new GetTrialBalance.Query(Month(random)), default).AsTask(),
        };

        Console.WriteLine($"{"query",-42} {"p50 ms",8} {"p95 ms",8} {"max ms",8}");
        foreach (var (name, query) in kinds)
        {
            var times = new double[name.StartsWith("trial", StringComparison.Ordinal) ? Math.Min(samples, 20) : samples];
            for (var i = 0; i < times.Length; i++)
            {
                await using var db = Context(connectionString, null);
                var clock = Stopwatch.StartNew();
                await query(db);
                times[i] = clock.Elapsed.TotalMilliseconds;
            }

            Array.Sort(times);
            Console.WriteLine($"{name,-42} {BenchmarkRun.Percentile(times, 0.5),8:0.0} {BenchmarkRun.Percentile(times, 0.95),8:0.0} {times[^1],8:0.0}");
        }

        Console.WriteLine();
        foreach (var (name, query) in kinds)
        {
            var commands = new List<DbCommand>();
            await using (var db = Context(connectionString, new Capture(commands)))
            {
                await query(db);
            }

            Console.WriteLine($"## {name}: {commands.Count} statement(s)");
            foreach (var command in commands.Where(c => c.CommandText.Contains("LedgerTransfers", StringComparison.Ordinal)))
            {
                Console.WriteLine(await ExplainAsync(connectionString, command));
            }
        }

        return 0;
    }

    private static async Task Statement(AppDbContext db, Random random, int stations, int pages)
    {
        var from = Month(random);
        string? cursor = null;
        var slug = Slug(random, stations);
        for (var page = 0; page < pages; page++)
        {
            cursor = (await new GetEscrowStatement.Handler(db).Handle(new GetEscrowStatement.Query(slug, from, from.AddDays(30), cursor), default)).NextCursor;
        }
    }

    private static async Task Browse(AppDbContext db, BrowseLedger.Query query, int pages)
    {
        string? cursor = null;
        for (var page = 0; page < pages; page++)
        {
            cursor = (await new BrowseLedger.Handler(db).Handle(query with { Cursor = cursor }, default)).NextCursor;
        }
    }

    private static readonly DateOnly Start = new(2024, 1, 1);

    private static DateOnly Month(Random random) => Start.AddDays(random.Next(700));

    private static string Slug(Random random, int stations) => $"bench-{random.Next(1, stations)}";

    internal static AppDbContext Context(string connectionString, IInterceptor? capture)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseProvider(DatabaseProvider.PostgreSql, connectionString);
        if (capture is not null)
        {
            options.AddInterceptors(capture);
        }

        return new AppDbContext(options.Options);
    }

    internal static async Task<string> ExplainAsync(string connectionString, DbCommand command)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + command.CommandText, connection);
        foreach (NpgsqlParameter parameter in command.Parameters)
        {
            explain.Parameters.Add(parameter.Clone());
        }

        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0));
        }

        return string.Join('\n', plan) + "\n";
    }

    /// <summary>Keeps each command as it was sent, to explain it afterwards with the same parameters.</summary>
    internal sealed class Capture(List<DbCommand> commands) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            var copy = new NpgsqlCommand(command.CommandText);
            foreach (NpgsqlParameter parameter in command.Parameters)
            {
                copy.Parameters.Add(parameter.Clone());
            }

            commands.Add(copy);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    /// <summary>
    /// Stations, their escrow accounts and the postings, written by SQL in the shape LedgerBook writes them, with
    /// running balances numbered per counter row. The secondary indexes are dropped while loading and made again.
    /// </summary>
    private static async Task LoadAsync(string connectionString, int entries, int stations)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task Sql(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }

        var columns = new List<string>();
        await using (var read = new NpgsqlCommand("SELECT column_name FROM information_schema.columns WHERE table_name = 'Recipients' ORDER BY ordinal_position", connection))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        string Value(string column) => column switch
        {
            "Id" => "gen_random_uuid()",
            "Slug" => "'bench-' || g",
            "CallSign" => "'BNCH' || g",
            "Name" => "'Bench station ' || g",
            _ => $"r.\"{column}\"",
        };

        var indexes = new List<(string Name, string Definition)>();
        await using (var read = new NpgsqlCommand("SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('LedgerTransfers', 'JournalEntries') AND indexname NOT LIKE 'PK_%'", connection))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        await Sql($"""
            SET session_replication_role = replica;
            INSERT INTO "Recipients" ({string.Join(", ", columns.Select(c => $"\"{c}\""))})
              SELECT {string.Join(", ", columns.Select(Value))} FROM "Recipients" r, generate_series(1, {stations - 1}) g WHERE r."Slug" = 'kexp-fm';
            CREATE TABLE bench_escrow AS
              SELECT row_number() OVER (ORDER BY "Slug") - 1 AS n, gen_random_uuid() AS account, "Id" AS recipient FROM "Recipients" WHERE "Slug" LIKE 'bench-%';
            INSERT INTO "LedgerAccounts" ("Id", "Code", "Type", "Currency", "DebitsMustNotExceedCredits", "BalanceSlots", "OpenedAt")
              SELECT account, 'escrow:' || replace(recipient::text, '-', ''), 'Liability', 'USD', true, 1, '2024-01-01' FROM bench_escrow;
            INSERT INTO "LedgerAccounts" ("Id", "Code", "Type", "Currency", "DebitsMustNotExceedCredits", "BalanceSlots", "OpenedAt")
              VALUES ('00000000-0000-7000-8000-000000000001', 'stripe:balance', 'Asset', 'USD', false, 8, '2024-01-01');
            INSERT INTO "LedgerBalances" ("AccountId", "Slot", "DebitsPosted", "CreditsPosted", "DebitsPending", "CreditsPending", "PostingCount")
              SELECT account, 0, 0, 0, 0, 0, 0 FROM bench_escrow
              UNION ALL SELECT '00000000-0000-7000-8000-000000000001', s, 0, 0, 0, 0, 0 FROM generate_series(0, 7) s;
            """);
        foreach (var index in indexes)
        {
            await Sql($"DROP INDEX \"{index.Name}\"");
        }

        var escrows = stations - 1;
        var perSecond = 2L * 365 * 86400 * 1_000_000 / entries;
        await Sql($"""
            SET session_replication_role = replica;
            CREATE TABLE bench_entries AS
              SELECT i, gen_random_uuid() AS id, timestamptz '2024-01-01' + (i::bigint * {perSecond}) * interval '1 microsecond' AS at,
                     i % {escrows} AS station, i / {escrows} AS k, 100 + (i * 7919) % 9900 AS gross
              FROM generate_series(0::bigint, {entries - 1}) i;
            INSERT INTO "JournalEntries" ("Id", "CauseType", "CauseId", "IdempotencyKey", "Description", "PostedAt")
              SELECT id, 'payment', 'pi_bench_' || i, 'payment:pi_bench_' || i, 'Payment pi_bench_' || i, at FROM bench_entries;
            INSERT INTO "LedgerTransfers" ("Id", "EntryId", "PostedAt", "Sequence", "Kind", "DebitAccountId", "CreditAccountId", "Amount", "Currency",
                "DebitSlot", "DebitSlotSequence", "DebitBalanceAfter", "CreditSlot", "CreditSlotSequence", "CreditBalanceAfter")
              SELECT gen_random_uuid(), e.id, e.at, 0, 'Posted', '00000000-0000-7000-8000-000000000001', b.account, e.gross, 'USD',
                     e.i % 8, (e.i / 8) * 2 + 1, (e.i / 8) * 100 + e.gross, 0, e.k * 2 + 1, e.k * 70 + e.gross
              FROM bench_entries e JOIN bench_escrow b ON b.n = e.station
              UNION ALL
              SELECT gen_random_uuid(), e.id, e.at, 1, 'Posted', b.account, '00000000-0000-7000-8000-000000000001', 30, 'USD',
                     0, e.k * 2 + 2, e.k * 70 + e.gross - 30, e.i % 8, (e.i / 8) * 2 + 2, (e.i / 8) * 100 + e.gross - 30
              FROM bench_entries e JOIN bench_escrow b ON b.n = e.station;
            DROP TABLE bench_entries;
            DROP TABLE bench_escrow;
            """);
        foreach (var index in indexes)
        {
            await Sql(index.Definition);
        }

        await Sql("ANALYZE");
    }
}
