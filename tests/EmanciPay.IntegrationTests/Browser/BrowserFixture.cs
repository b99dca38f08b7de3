using EmanciPay.Infrastructure.Persistence;
using EmanciPay.IntegrationTests.Support;
using EmanciPay.Web.Startup;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EmanciPay.IntegrationTests.Browser;

/// <summary>
/// The app on a real port (SQLite, demo stations, Stripe emulator in process) and Debian's Chromium driven by
/// Playwright. Fails loudly without /usr/bin/chromium: tests/run.sh installs it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private EmanciPayFactory? factory;
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseAddress { get; private set; } = "";

    public EmanciPayFactory Factory => factory!;

    public async Task CreateListenerAsync(string email)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Infrastructure.Identity.AppUser>>();
        var user = new Infrastructure.Identity.AppUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Accounts.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Application.Common.Roles.Listener)).Succeeded);
    }

    /// <summary>A confirmed account in a role; with <paramref name="twoFactor"/>, an authenticator too, whose key is returned.</summary>
    public async Task<string?> CreateUserAsync(string email, string role, bool twoFactor = false)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Infrastructure.Identity.AppUser>>();
        var user = new Infrastructure.Identity.AppUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Accounts.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        if (!twoFactor)
        {
            return null;
        }

        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return await users.GetAuthenticatorKeyAsync(user);
    }

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: tests/run.sh installs Debian's chromium package.");
        var directory = Directory.CreateTempSubdirectory("emancipay-browser-");
        factory = new EmanciPayFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory.FullName, "emancipay.db")}", realServer: true);
        factory.UseKestrel(0);
        factory.StartServer();
        BaseAddress = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await factory.Services.SeedDemoStationsAsync(RepositoryPaths.StationsCsv);

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
