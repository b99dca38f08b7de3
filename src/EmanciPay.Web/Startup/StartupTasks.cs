using System.Security.Cryptography;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Stations;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.Infrastructure.Jobs;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.Infrastructure.Seeding;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Web.Startup;

public static partial class StartupTasks
{
    private const string DevelopmentAdminEmail = "admin@emancipay.local";

    public static async Task MigrateDatabaseAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync();
    }

    /// <summary>
    /// The embedded SQLite database is migrated on start so that `dotnet run` needs nothing else; server databases are
    /// only migrated by the explicit `migrate` command. Then the demo stations (when configured) and, in Development only,
    /// an admin account.
    /// </summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        if (app.Services.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Sqlite)
        {
            await app.Services.MigrateDatabaseAsync();
        }

        if (app.Configuration.GetValue<bool>("Demo:SeedStations"))
        {
            await app.Services.SeedDemoStationsAsync(Path.Combine(AppContext.BaseDirectory, app.Configuration["Demo:StationsCsv"] ?? "SeedData/stations.csv"));
        }

        if (app.Environment.IsDevelopment())
        {
            await app.Services.EnsureDevelopmentAdminAsync();
        }

        app.Services.RegisterRecurringJobs();
    }

    public static async Task<ImportStations.Result> SeedDemoStationsAsync(this IServiceProvider services, string csvPath)
    {
        using var reader = File.OpenText(csvPath);
        var stations = StationCsv.Read(reader);
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ImportStations.Command(stations));
    }

    /// <summary>Creates the Development admin once, with a random password printed once to the console: never a password in the repository.</summary>
    private static async Task EnsureDevelopmentAdminAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(DevelopmentAdminEmail) is not null)
        {
            return;
        }

        var password = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
        var admin = new AppUser { UserName = DevelopmentAdminEmail, Email = DevelopmentAdminEmail, EmailConfirmed = true };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Could not create the development admin: " + string.Join("; ", created.Errors.Select(e => e.Code)));
        }

        await users.AddToRolesAsync(admin, [Roles.Admin, Roles.Finance]);
        Console.WriteLine($"""

            Development admin created (shown once): {DevelopmentAdminEmail} / {password}
            Finance and admin pages (/hangfire) need two-factor sign-in: set it up at /account/two-factor, then sign in again.

            """);
    }
}
