using EmanciPay.Application.Common;
using EmanciPay.Infrastructure.Persistence;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EmanciPay.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = ConnectionString(configuration, database.Provider, environment);
        services.AddSingleton(database);
        services.AddDbContext<AppDbContext>(options => options.UseProvider(database.Provider, connectionString));
        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<AppDbContext>());
        services.AddSingleton<IDatabaseErrors, DatabaseErrors>();

        services.AddDataProtection().SetApplicationName("EmanciPay").PersistKeysToDbContext<AppDbContext>();
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);

        services.AddHangfire(hangfire =>
        {
            hangfire
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            // Job storage follows the database; SQLite has none, so jobs live in memory and the database stays the source of truth.
            switch (database.Provider)
            {
                case DatabaseProvider.PostgreSql:
                    hangfire.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString));
                    break;
                case DatabaseProvider.SqlServer:
                    hangfire.UseSqlServerStorage(connectionString);
                    break;
                default:
                    hangfire.UseInMemoryStorage();
                    break;
            }
        });
        if (configuration.GetValue("Hangfire:RunServer", defaultValue: true))
        {
            services.AddHangfireServer(options => options.WorkerCount = configuration.GetValue("Hangfire:WorkerCount", defaultValue: 2));
        }

        return services;
    }

    private static string ConnectionString(IConfiguration configuration, DatabaseProvider provider, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        return provider switch
        {
            DatabaseProvider.Sqlite => AppDbContextOptions.ResolveSqlite(configured ?? DatabaseOptions.DefaultSqliteConnectionString, environment.ContentRootPath),
            _ when string.IsNullOrWhiteSpace(configured) =>
                throw new InvalidOperationException($"Database:Provider is {provider}, so ConnectionStrings:{DatabaseOptions.ConnectionStringName} must be set."),
            _ => configured,
        };
    }
}
