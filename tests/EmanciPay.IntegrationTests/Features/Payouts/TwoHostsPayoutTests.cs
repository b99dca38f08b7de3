using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Payouts;
using EmanciPay.Domain.Payouts;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stripe;

namespace EmanciPay.IntegrationTests.Features.Payouts;

/// <summary>Two app hosts on one PostgreSQL, the first's Stripe emulator serving both.</summary>
public sealed class TwoHostsFixture : AppFixture
{
    private EmanciPayFactory? second;

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public EmanciPayFactory Second => second ?? throw new InvalidOperationException("Start the second host first.");

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { ["Stripe:MaxNetworkRetries"] = "0" };

    /// <summary>A second host with its own job server and outbox dispatcher, calling the first host's Stripe emulator.</summary>
    public void StartSecondHost()
    {
        var first = Factory;
        second = new EmanciPayFactory(Provider, ConnectionString, settings: Settings, testServices: services => services.AddSingleton<IStripeClient>(
            new StripeClient(first.Emulator.Options.ApiKey, httpClient: new SystemNetHttpClient(new HttpClient(first.Server.CreateHandler()), 0), apiBase: "http://localhost/stripe-emulator")));
        _ = second.Server;
    }

    protected override Task<string> CreateDatabaseAsync() => TestPostgres.CreateEmptyDatabaseAsync("emancipay_two_hosts");
}

public sealed class TwoHostsPayoutTests(TwoHostsFixture fixture) : IClassFixture<TwoHostsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public async Task DisposeAsync()
    {
        await fixture.Second.DisposeAsync();
    }

    [Fact]
    public async Task Two_app_hosts_with_job_servers_on_one_database_transfer_each_payout_once()
    {
        var kit = new PayoutKit(fixture);
        await kit.StationAsync();
        var funded = await kit.FundAsync(5_000, 5_000);
        var manager = await kit.ManagerAsync();
        fixture.StartSecondHost();

        var payouts = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            payouts.Add((await kit.RequestAsync(manager, 1_000, $"two-hosts-{i}")).Id);
        }

        // Each host also enqueues every transfer again, as each host's sweep would: three jobs per payout, on two servers.
        foreach (var host in new[] { fixture.Factory, fixture.Second })
        {
            await using var scope = host.Services.CreateAsyncScope();
            var jobs = scope.ServiceProvider.GetRequiredService<IBackgroundJobs>();
            payouts.ForEach(id => jobs.EnqueueAfterCommit(new TransferPayout.Command(id)));
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }

        await PledgeKit.WaitForAsync(() => fixture.WithScopeAsync(sp =>
            sp.GetRequiredService<IAppDbContext>().Payouts.AllAsync(p => !payouts.Contains(p.Id) || p.Status == PayoutStatus.Paid)));
        await fixture.StripeEventsProcessedAsync();

        Assert.Equal(6, (await kit.StripeTransfersAsync()).Count);
        await kit.BooksAgreeAsync(funded);
    }
}
