using EmanciPay.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EmanciPay.Migrations.Sqlite;

/// <summary>Lets dotnet-ef build the Sqlite model; no database is opened to add a migration or script one.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseProvider(DatabaseProvider.Sqlite, "Data Source=emancipay-design.db");
        return new AppDbContext(options.Options);
    }
}
