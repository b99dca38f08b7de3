using EmanciPay.Application;
using EmanciPay.Infrastructure;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.Web;
using EmanciPay.Web.Startup;

WebApplication app;
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Services
        .AddApplication()
        .AddInfrastructure(builder.Configuration, builder.Environment)
        .AddWeb(builder.Configuration)
        .AddPageServices();
    app = builder.Build();
}
catch (CannotStartException refused)
{
    // An environment fault the operator fixes (an unwritable folder): one line naming it and its setting, no stack trace.
    Console.Error.WriteLine(refused.Message);
    return 1;
}

// `dotnet run -- migrate` applies the migrations and exits; for PostgreSQL and SQL Server it is the only way they are applied.
if (args.Contains("migrate", StringComparer.OrdinalIgnoreCase))
{
    await app.Services.MigrateDatabaseAsync();
    return 0;
}

// `dotnet run -- reset-admin-password` gives the Development admin a new password, prints it once, and exits.
if (args.Contains("reset-admin-password", StringComparer.OrdinalIgnoreCase))
{
    if (!app.Environment.IsDevelopment())
    {
        await Console.Error.WriteLineAsync("reset-admin-password resets the Development admin only; run it in Development.");
        return 1;
    }

    await app.MigrateEmbeddedDatabaseAsync();
    await app.Services.ResetDevelopmentAdminPasswordAsync();
    return 0;
}

await app.PrepareAsync();
app.UseWeb();
await app.RunAsync();
return 0;

public partial class Program;
