using Deque.AxeCore.Playwright;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.IntegrationTests.Support;
using EmanciPay.Web.Startup;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EmanciPay.IntegrationTests.Browser;

/// <summary>Debian's Chromium driven by Playwright against the app on a real port. Fails loudly without /usr/bin/chromium.</summary>
public sealed class StationDirectoryBrowserTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private EmanciPayFactory? factory;
    private IPlaywright? playwright;
    private IBrowser? browser;
    private string baseAddress = "";

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: tests/run.sh installs Debian's chromium package.");
        var directory = Directory.CreateTempSubdirectory("emancipay-browser-");
        factory = new EmanciPayFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory.FullName, "emancipay.db")}");
        factory.UseKestrel(0);
        factory.StartServer();
        baseAddress = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await factory.Services.SeedDemoStationsAsync(RepositoryPaths.StationsCsv);

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    [Fact]
    public async Task A_listener_finds_kexp_by_searching_and_the_directory_has_no_serious_accessibility_violations()
    {
        var page = await browser!.NewPageAsync();
        await page.GotoAsync(baseAddress + "/");
        await Assertions.Expect(page.Locator(".station-card")).ToHaveCountAsync(20);

        await page.GetByLabel("Search by name, call sign, city or state").FillAsync("KEXP");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Assertions.Expect(page.Locator(".station-card")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".station-card .station-name")).ToHaveTextAsync("KEXP");
        await Assertions.Expect(page.Locator("#result-count")).ToContainTextAsync("1 station");
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious));
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }
}
