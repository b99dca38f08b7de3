using System.Diagnostics;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>On PostgreSQL the app never migrates by itself; `EmanciPay.Web migrate` applies every migration and exits.</summary>
public sealed class MigrateCommandTests
{
    [Fact]
    public async Task Starting_on_postgres_applies_nothing_and_the_migrate_command_applies_everything()
    {
        var connectionString = await TestPostgres.CreateEmptyDatabaseAsync("emancipay_migrate_command");
        await using (var factory = new EmanciPayFactory(DatabaseProvider.PostgreSql, connectionString))
        {
            _ = factory.Server;
            await using var scope = factory.Services.CreateAsyncScope();
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetAppliedMigrationsAsync());
        }

        var (exitCode, output) = await RunWebAsync("migrate", connectionString);

        Assert.True(exitCode == 0, output);
        await using (var factory = new EmanciPayFactory(DatabaseProvider.PostgreSql, connectionString))
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database;
            Assert.Equal(db.GetMigrations(), await db.GetAppliedMigrationsAsync());
        }
    }

    private static async Task<(int ExitCode, string Output)> RunWebAsync(string argument, string connectionString)
    {
        // The test's own output folder: bin/<Configuration>/net10.0; the web project builds to the same shape.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var web = Path.Combine(RepositoryPaths.Root, "src", "EmanciPay.Web", "bin", configuration, "net10.0", "EmanciPay.Web.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", web, argument])
        {
            WorkingDirectory = Path.GetDirectoryName(web)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Database__Provider"] = "PostgreSql",
                ["ConnectionStrings__EmanciPay"] = connectionString,
                ["Hangfire__RunServer"] = "false",
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
