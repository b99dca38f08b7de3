using EmanciPay.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmanciPay.IntegrationTests.Support;

/// <summary>The real app (Program) on a chosen database. Environment "Testing": no demo data, no development admin.</summary>
public sealed class EmanciPayFactory(DatabaseProvider provider, string connectionString) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", provider.ToString());
        builder.UseSetting("ConnectionStrings:EmanciPay", connectionString);
        builder.UseSetting("Hangfire:RunServer", "false");
    }
}
