using EmanciPay.Application.Features.Stations;
using EmanciPay.Infrastructure.Jobs;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.Infrastructure.Seeding;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Web.Startup;

public static partial class StartupTasks
{
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
        await app.MigrateEmbeddedDatabaseAsync();

        if (app.Configuration.GetValue<bool>("Demo:SeedStations"))
        {
            await app.Services.SeedDemoStationsAsync(Path.Combine(AppContext.BaseDirectory, app.Configuration["Demo:StationsCsv"] ?? "SeedData/stations.csv"));
        }

        if (app.Environment.IsDevelopment())
        {
            await app.Services.EnsureDevelopmentAdminAsync(app.Logger);
        }

        app.Services.RegisterRecurringJobs();
    }

    public static async Task MigrateEmbeddedDatabaseAsync(this WebApplication app)
    {
        if (app.Services.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Sqlite)
        {
            await app.Services.MigrateDatabaseAsync();
        }
    }

    public static async Task<ImportStations.Result> SeedDemoStationsAsync(this IServiceProvider services, string csvPath)
    {
        using var reader = File.OpenText(csvPath);
        var stations = StationCsv.Read(reader);
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ImportStations.Command(stations));
    }
}
