using EmanciPay.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EmanciPay.Migrations.PostgreSql;

/// <summary>Lets dotnet-ef build the PostgreSql model; no database is opened to add a migration or script one.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseProvider(DatabaseProvider.PostgreSql, "Host=localhost;Database=emancipay;Username=emancipay");
        return new AppDbContext(options.Options);
    }
}
