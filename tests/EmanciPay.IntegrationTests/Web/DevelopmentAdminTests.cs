using System.Diagnostics;
using System.Text.RegularExpressions;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.IntegrationTests.Support;
using EmanciPay.Web.Startup;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>Development's admin: a reminder at every start while it keeps its generated password, and a command that sets a new one.</summary>
[Collection(PostgresCollection.Name)]
public sealed partial class DevelopmentAdminTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Every_start_names_the_reset_command_until_the_admin_has_a_new_password()
    {
        var log = new ListLogger();

        await App.Factory.Services.EnsureDevelopmentAdminAsync(log);
        var afterCreating = log.Warnings.Count;
        await App.Factory.Services.EnsureDevelopmentAdminAsync(log);
        await App.Factory.Services.EnsureDevelopmentAdminAsync(log);
        var afterRestarts = log.Warnings.ToList();
        await App.Factory.Services.ResetDevelopmentAdminPasswordAsync();
        await App.Factory.Services.EnsureDevelopmentAdminAsync(log);

        Assert.Equal(0, afterCreating);
        Assert.Equal(2, afterRestarts.Count);
        Assert.All(afterRestarts, w => Assert.Contains("dotnet run --project src/EmanciPay.Web -- reset-admin-password", w, StringComparison.Ordinal));
        Assert.Equal(2, log.Warnings.Count);
    }

    [Fact]
    public async Task The_reset_admin_password_command_prints_a_new_password_once_that_signs_in_and_is_refused_outside_development()
    {
        var database = Path.Combine(Directory.CreateTempSubdirectory("emancipay-admin-").FullName, "emancipay.db");

        var created = await RunWebAsync("Development", database);
        var reset = await RunWebAsync("Development", database);
        var production = await RunWebAsync("Production", database);

        Assert.True(created.ExitCode == 0, created.Output);
        Assert.Contains("Development admin created (shown once): admin@emancipay.local", created.Output, StringComparison.Ordinal);
        Assert.True(reset.ExitCode == 0, reset.Output);
        var password = ResetLine().Match(reset.Output).Groups["password"].Value;
        Assert.Equal(20, password.Length);
        Assert.Equal(1, production.ExitCode);
        Assert.Contains("Development admin only", production.Output, StringComparison.Ordinal);
        await using var app = new EmanciPayFactory(DatabaseProvider.Sqlite, $"Data Source={database}");
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync(DevelopmentAdmin.Email))!, password));
    }

    private static async Task<(int ExitCode, string Output)> RunWebAsync(string environment, string database)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var web = Path.Combine(RepositoryPaths.Root, "src", "EmanciPay.Web", "bin", configuration, "net10.0", "EmanciPay.Web.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", web, "reset-admin-password"])
        {
            WorkingDirectory = Path.GetDirectoryName(web)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["DOTNET_ENVIRONMENT"] = environment,
                ["ASPNETCORE_ENVIRONMENT"] = environment,
                ["Database__Provider"] = "Sqlite",
                ["ConnectionStrings__EmanciPay"] = $"Data Source={database}",
                ["Hangfire__RunServer"] = "false",
                ["Stripe__UseEmulatorInProduction"] = "true",
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    [GeneratedRegex(@"Development admin password reset \(shown once\): admin@emancipay\.local / (?<password>\S+)")]
    private static partial Regex ResetLine();

    private sealed class ListLogger : ILogger
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
