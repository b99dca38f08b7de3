using EmanciPay.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EmanciPay.Migrations.SqlServer;

/// <summary>Lets dotnet-ef build the SqlServer model; no database is opened to add a migration or script one.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseProvider(DatabaseProvider.SqlServer, "Server=localhost;Database=EmanciPay;Trusted_Connection=True;TrustServerCertificate=True");
        return new AppDbContext(options.Options);
    }
}
