using System.Diagnostics;
using System.Globalization;
using EmanciPay.Application.Features.Stations;
using EmanciPay.Infrastructure.Jobs;
using EmanciPay.Infrastructure.Persistence;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EmanciPay.Benchmarks;

/// <summary>What every benchmark mode shares: its arguments, a fresh database, the real app on a loopback port, and
/// pgbench's built-in scripts on the same server. Run by hand: tests/EmanciPay.Benchmarks/run.sh.</summary>
internal sealed class BenchmarkRun(string[] args)
{
    public string Server { get; } = Environment.GetEnvironmentVariable("EMANCIPAY_TEST_POSTGRES")
        ?? throw new InvalidOperationException("Run through tests/with-postgres.sh (EMANCIPAY_TEST_POSTGRES is not set).");

    private string PgBin { get; } = Environment.GetEnvironmentVariable("EMANCIPAY_PG_BIN") ?? "/usr/lib/postgresql/15/bin";

    public static async Task<int> Main(string[] args)
    {
        if (args is ["--mode", "fees"])
        {
            return await FeeBenchmark.RunAsync();
        }

        var run = new BenchmarkRun(args);
        return run.Text("--mode", "webhooks") switch
        {
            "webhooks" => await WebhookBenchmark.RunAsync(run),
            "pledges" => await PledgeBenchmark.RunAsync(run),
            "finance" => await FinanceBenchmark.RunAsync(run),
            "reconcile" => await ReconcileBenchmark.RunAsync(run),
            var mode => throw new ArgumentException($"Unknown --mode '{mode}': webhooks, pledges, finance, reconcile or fees."),
        };
    }

    public int Arg(string name, int fallback) => int.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    private string Text(string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection).ExecuteNonQueryAsync();
        await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection).ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(Server) { Database = name, MaxPoolSize = 20 }.ConnectionString;
    }

    /// <summary>Migrates the database, starts the app on a free loopback port and imports the one station pledged to.</summary>
    public static async Task<(BenchApp App, HttpClient Http)> StartAppAsync(string connectionString)
    {
        // Outside a test project WebApplicationFactory needs telling where the web project is (run.sh runs from the repository root).
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_EMANCIPAY_WEB", Path.GetFullPath("src/EmanciPay.Web"));
        var migration = new DbContextOptionsBuilder<AppDbContext>();
        migration.UseProvider(DatabaseProvider.PostgreSql, connectionString);
        await using (var db = new AppDbContext(migration.Options))
        {
            await db.Database.MigrateAsync();
        }

        var app = new BenchApp(connectionString);
        app.UseKestrel(0);
        app.StartServer();
        var baseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await using (var scope = app.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ImportStations.Command([new ImportStations.Station("KEXP-FM", "KEXP", "90.3 FM", "Seattle", "WA", null)]));
        }

        return (app, new HttpClient { BaseAddress = new Uri(baseAddress) });
    }

    /// <summary>pgbench's tpcb-like script, or with <paramref name="selectOnly"/> its select-only one (-S).</summary>
    public async Task<(double Tps, double P50, double P99)> RunPgbenchAsync(int clients, int seconds, bool selectOnly = false)
    {
        var builder = new NpgsqlConnectionStringBuilder(Server);
        await CreateDatabaseAsync("pgbench_bench");
        var common = $"-h {builder.Host} -p {builder.Port} -U {builder.Username}";
        await RunAsync($"{PgBin}/pgbench", $"-i -q -s 10 {common} pgbench_bench", null);
        var logs = Directory.CreateTempSubdirectory("pgbench-log-").FullName;

        // Every pooled connection is closed first: pgbench opens one per client, and the test cluster allows 200 in all.
        NpgsqlConnection.ClearAllPools();
        var output = await RunAsync($"{PgBin}/pgbench", $"{(selectOnly ? "-S " : "")}-c {clients} -j 2 -T {seconds} -M prepared -l --log-prefix={logs}/tx {common} pgbench_bench", logs);
        var tps = double.Parse(output.Split('\n').First(l => l.StartsWith("tps = ", StringComparison.Ordinal)).Split(' ')[2], CultureInfo.InvariantCulture);
        var latencies = Directory.GetFiles(logs).SelectMany(File.ReadLines)
            .Select(line => double.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture) / 1000.0).Order().ToArray();
        return (tps, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static async Task<string> RunAsync(string file, string arguments, string? workingDirectory)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} {arguments} failed: {output}");
    }

    public static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

/// <summary>The real app on PostgreSQL, quiet, with no job server competing for the two cores. The pledge rate limit
/// (30 a minute per client by default) is raised, since every benchmark client comes from one address.</summary>
internal sealed class BenchApp(string connectionString) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Stripe:UseEmulatorInProduction", "true");
        builder.UseSetting("Database:Provider", nameof(DatabaseProvider.PostgreSql));
        builder.UseSetting("ConnectionStrings:EmanciPay", connectionString);
        builder.UseSetting("Hangfire:RunServer", "false");
        builder.UseSetting("RateLimits:PledgesPerMinute", "1000000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Mail:Folder", Path.Combine(Path.GetTempPath(), "emancipay-bench-mail"));
    }
}

internal sealed record Books(bool Ok, string Summary)
{
    public override string ToString() => Summary;
}
