using System.Reflection;
using EmanciPay.Application.Common;
using Microsoft.EntityFrameworkCore;
using NetArchTest.Rules;

namespace EmanciPay.ArchitectureTests;

/// <summary>Where the boundaries inside the layers run: what the Domain holds, what handlers see of the database.</summary>
public sealed class BoundaryTests
{
    [Theory]
    [InlineData("StripeEvent")]
    [InlineData("IdempotentRequest")]
    public void Application_records_are_not_in_the_domain(string name)
    {
        Assert.Empty(Types.InAssembly(Layers.Domain).That().HaveName(name).GetTypes());
        Assert.NotEmpty(Types.InAssembly(Layers.Application).That().HaveName(name).GetTypes());
    }

    [Fact]
    public void The_app_db_context_holds_only_tables_and_save_changes()
    {
        var port = typeof(IAppDbContext);
        var properties = port.GetProperties();
        var methods = port.GetMethods().Where(m => !m.IsSpecialName).ToList();

        Assert.Empty(port.GetInterfaces());
        Assert.NotEmpty(properties);
        Assert.All(properties, p => Assert.True(p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(DbSet<>), $"{p.Name} is a {p.PropertyType.Name}, not a DbSet"));
        Assert.All(properties, p => Assert.Null(p.SetMethod));
        var saveChanges = Assert.Single(methods);
        Assert.Equal(nameof(DbContext.SaveChangesAsync), saveChanges.Name);
        Assert.Equal(typeof(Task<int>), saveChanges.ReturnType);
        Assert.Empty(port.GetEvents());
        Assert.Empty(port.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly));
    }
}
