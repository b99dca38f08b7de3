using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Payouts;
using EmanciPay.Application.Features.Terms;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Payouts;
using EmanciPay.Domain.Recipients;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.Infrastructure.Jobs;
using EmanciPay.Infrastructure.Payments;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.IntegrationTests.Support;
using EmanciPay.Web.Startup;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Stripe;
using Payout = EmanciPay.Domain.Payouts.Payout;
using Transfer = Stripe.Transfer;

namespace EmanciPay.IntegrationTests.Features.Payouts;

/// <summary>
/// PostgreSQL, the emulator, a clock the tests move, and Stripe.net without retries of its own (so the app's backoff is
/// what retries). Jobs are not dispatched by themselves: a test runs what the outbox holds when it chooses, so races and
/// crashes happen exactly where it puts them. The transfer gateway passes through <see cref="TransferHooks"/>.
/// </summary>
public sealed class PayoutsFixture : AppFixture
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public TransferHooks Transfers { get; } = new();

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override TimeProvider? Clock => Time;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Stripe:MaxNetworkRetries"] = "0",
        ["Outbox:Dispatch"] = "false",
        ["Payouts:ApprovalLimit"] = "100000",
    };

    protected override Action<IServiceCollection>? TestServices => services => TransferHooks.Wrap(services, Transfers);

    protected override Task<string> CreateDatabaseAsync() => TestPostgres.CreateEmptyDatabaseAsync("emancipay_payouts");
}

[CollectionDefinition(Name)]
public sealed class PayoutsCollection : ICollectionFixture<PayoutsFixture>
{
    public const string Name = "Payouts on PostgreSQL";
}

/// <summary>What happens around the real Stripe transfer: after Stripe made it, before the job records it (a crash, a race with the webhook).</summary>
public sealed class TransferHooks
{
    public Func<TransferSnapshot, Task>? AfterCreate { get; set; }

    /// <summary>
    /// What the network does to a transfer request to Stripe, given its form body: null passes it, 0 drops the
    /// connection (Stripe unreachable), a status answers with that status and Stripe's error body, unseen by Stripe.
    /// </summary>
    public Func<string, int?>? TransferNetwork { get; set; }

    private int created;

    public int Created => created;

    public void Reset()
    {
        AfterCreate = null;
        TransferNetwork = null;
        created = 0;
    }

    private void Count() => Interlocked.Increment(ref created);

    public static void Wrap(IServiceCollection services, TransferHooks hooks)
    {
        var real = services.Single(d => d.ServiceType == typeof(ITransferGateway));
        services.Remove(real);
        services.AddScoped<ITransferGateway>(sp => new Hooked((ITransferGateway)ActivatorUtilities.CreateInstance(sp, real.ImplementationType!), hooks));
        services.AddHttpClient(StripeSettings.HttpClientName).AddHttpMessageHandler(() => new Network(hooks));
    }

    private sealed class Network(TransferHooks hooks) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (hooks.TransferNetwork is { } network && request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/v1/transfers", StringComparison.Ordinal)
                && network(Uri.UnescapeDataString(await request.Content!.ReadAsStringAsync(cancellationToken))) is { } status)
            {
                return status == 0
                    ? throw new HttpRequestException("The connection to Stripe was lost.")
                    : new HttpResponseMessage((HttpStatusCode)status)
                    {
                        Content = new StringContent("{\"error\":{\"type\":\"api_error\",\"message\":\"Injected by the test's network.\"}}", System.Text.Encoding.UTF8, "application/json"),
                    };
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class Hooked(ITransferGateway real, TransferHooks hooks) : ITransferGateway
    {
        public async Task<TransferSnapshot> CreateTransferAsync(PayoutTransfer transfer, CancellationToken cancellationToken)
        {
            var made = await real.CreateTransferAsync(transfer, cancellationToken);
            hooks.Count();
            if (hooks.AfterCreate is { } after)
            {
                await after(made);
            }

            return made;
        }

        public Task<TransferSnapshot?> FindTransferAsync(string transferGroup, Guid payoutId, CancellationToken cancellationToken) => real.FindTransferAsync(transferGroup, payoutId, cancellationToken);

        public TransferSnapshot? ReadTransferEvent(string payload) => real.ReadTransferEvent(payload);
    }
}

/// <summary>
/// A claimed station (KEXP unless another is named) with an onboarded Stripe account, money in its escrow, its managers,
/// and the books to check. Several kits on one fixture are several stations in one sweep.
/// </summary>
public sealed partial class PayoutKit(AppFixture app, string callSign = "KEXP-FM", string name = "KEXP", string slug = PayoutKit.Slug)
{
    public const string Slug = "kexp-fm";

    public string StationSlug => slug;

    public PledgeKit Pledges { get; } = new(app);

    public Guid StationId { get; private set; }

    public string StripeAccountId { get; private set; } = "";

    /// <summary>The station, a Stripe account that completed onboarding (made through Stripe.net), and our record of it reporting payouts enabled.</summary>
    /// <param name="onboardedAtStripe">false: our record says payouts are enabled, but Stripe refuses transfers to the account.</param>
    public async Task StationAsync(bool payoutsEnabled = true, bool onboardedAtStripe = true)
    {
        await Pledges.AddStationAsync(callSign, name);
        StationId = await Pledges.RecipientIdAsync(slug);
        var stripe = app.Factory.Services.GetRequiredService<IStripeClient>();
        var account = await new AccountService(stripe).CreateAsync(new AccountCreateOptions
        {
            Type = "express",
            Country = "US",
            Capabilities = new AccountCapabilitiesOptions { Transfers = new AccountCapabilitiesTransfersOptions { Requested = true } },
        });
        if (payoutsEnabled && onboardedAtStripe)
        {
            var link = await new AccountLinkService(stripe).CreateAsync(new AccountLinkCreateOptions
            {
                Account = account.Id, RefreshUrl = "http://localhost/refresh", ReturnUrl = "http://localhost/return", Type = "account_onboarding",
            });
            var page = await Pledges.Client.GetStringAsync(new Uri(link.Url).PathAndQuery);
            using var done = await Pledges.Client.PostAsync(new Uri(link.Url).PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["form_key"] = FormKey().Match(page).Groups[1].Value, ["action"] = "complete", ["business_type"] = "non_profit", ["first_name"] = "Jenny",
                ["last_name"] = "Rosen", ["routing_number"] = "110000000", ["account_number"] = "000123456789", ["accept_tos"] = "on",
            }));
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }

        StripeAccountId = account.Id;
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IAppDbContext>();
            var connected = ConnectedAccount.Open(StationId, account.Id, DateTimeOffset.UtcNow);
            connected.Report(payoutsEnabled, payoutsEnabled, [], null, DateTimeOffset.UtcNow);
            db.ConnectedAccounts.Add(connected);
            return await db.SaveChangesAsync();
        });
    }

    /// <summary>Listeners pay; returns what the escrow then has available.</summary>
    public async Task<long> FundAsync(params long[] amounts)
    {
        var key = 0;
        foreach (var amount in amounts)
        {
            var made = await Pledges.PostPledgeAsync(PledgeKit.Body(amount, station: slug), $"fund-{Guid.NewGuid():N}-{key++}");
            Assert.Equal(HttpStatusCode.Created, made.StatusCode);
            Assert.NotNull(await Pledges.PayAsync(await made.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()));
        }

        await Pledges.WebhooksDeliveredAsync();
        return (await Pledges.EscrowAsync(slug)).AvailableCredit;
    }

    /// <summary>A confirmed manager of the station, who has agreed for it to honour its listeners' terms (payouts need that); sends as them.</summary>
    public async Task<TestSender> ManagerAsync(string email = "manager@kexp.example", bool agreeToTerms = true)
    {
        await Accounts.CreateAsync(app, email, Roles.StationManager);
        await Accounts.AssignManagerAsync(app, email, slug);
        var manager = TestSender.SignedIn(await UserIdAsync(email), twoFactor: false, Roles.StationManager);
        if (agreeToTerms)
        {
            await app.SendAsync(new AgreeToTerms.Command(await Pledges.RecipientIdAsync(slug)), manager);
        }

        return manager;
    }

    /// <summary>The manager with this address agrees, for the station with this slug, to honour its listeners' terms.</summary>
    public static async Task AgreeToTermsAsync(AppFixture app, string email, string slug = Slug)
    {
        var userId = await app.WithScopeAsync(async sp => (await sp.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.Id);
        var station = await app.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Recipients.Where(r => r.Slug == slug).Select(r => r.Id).SingleAsync());
        await app.SendAsync(new AgreeToTerms.Command(station), TestSender.SignedIn(userId, twoFactor: false, Roles.StationManager));
    }

    public async Task<TestSender> FinanceAsync(string email = "finance@emancipay.example")
    {
        await Accounts.CreateAsync(app, email, Roles.Finance);
        return TestSender.SignedIn(await UserIdAsync(email), twoFactor: true, Roles.Finance);
    }

    public Task<string> UserIdAsync(string email) =>
        app.WithScopeAsync(async sp => (await sp.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.Id);

    public Task<RequestPayout.Result> RequestAsync(TestSender manager, long? amount, string key = "payout-1") =>
        app.SendAsync(new RequestPayout.Command(StationId, amount, "usd", key), manager);

    /// <summary>Runs every job the outbox holds (transfer jobs, notices), in order, as Hangfire would, until none is left.</summary>
    public Task RunJobsAsync() => RunEachJobAsync(stopAtFailure: true);

    /// <summary>Runs every job the outbox holds, each on its own as Hangfire's workers do: one that fails is recorded and the next still runs.</summary>
    public Task<IReadOnlyList<Exception>> RunEachJobAsync() => RunEachJobAsync(stopAtFailure: false);

    private async Task<IReadOnlyList<Exception>> RunEachJobAsync(bool stopAtFailure)
    {
        var failures = new List<Exception>();
        for (var round = 0; round < 10; round++)
        {
            var commands = await app.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<AppDbContext>();
                var messages = await db.OutboxMessages.Where(m => m.DispatchedAt == null).OrderBy(m => m.CreatedAt).ToListAsync();
                messages.ForEach(m => m.MarkDispatched(DateTimeOffset.UtcNow));
                await db.SaveChangesAsync();
                return messages.Select(m => m.ReadCommand()).ToList();
            });
            if (commands.Count == 0)
            {
                return failures;
            }

            foreach (var command in commands)
            {
                try
                {
                    await app.AsAsync(TestSender.System, async sp => await sp.GetRequiredService<Mediator.ISender>().Send((object)command));
                }
                catch (Exception failure) when (!stopAtFailure)
                {
                    failures.Add(failure);
                }
            }
        }

        return failures;
    }

    public Task<Payout> PayoutAsync(Guid id) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payouts.AsNoTracking().SingleAsync(p => p.Id == id));

    /// <summary>The station's transfers at Stripe (the emulator), read through Stripe.net by their group, the station's escrow account.</summary>
    public async Task<List<Transfer>> StripeTransfersAsync() =>
        (await new TransferService(app.Factory.Services.GetRequiredService<IStripeClient>()).ListAsync(new TransferListOptions { TransferGroup = LedgerAccount.EscrowCode(StationId), Limit = 100 })).Data;

    /// <summary>
    /// Our ledger, Stripe's transfers and the payouts agree to the cent: every paid payout has exactly one transfer of its
    /// amount and one posting of its reservation; nothing else was transferred; every payout was reserved once and every
    /// failed or rejected one given back once; no payout entry exists without its payout (of any station); the escrow's
    /// reserved amount is what unfinished payouts hold, and its available amount is what was funded less what was paid
    /// and reserved.
    /// </summary>
    public async Task BooksAgreeAsync(long funded)
    {
        var all = await app.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payouts.AsNoTracking().ToListAsync());
        var payouts = all.Where(p => p.RecipientId == StationId).ToList();
        var transfers = await StripeTransfersAsync();
        var paid = payouts.Where(p => p.Status == PayoutStatus.Paid).ToList();
        Assert.Equal(paid.Select(p => (p.TransferId, p.Amount)).OrderBy(t => t.TransferId), transfers.Select(t => ((string?)t.Id, t.Amount)).OrderBy(t => t.Item1));
        Assert.All(transfers, t => Assert.Contains(paid, p => p.Id.ToString() == t.Metadata["payout_id"] && t.DestinationId == StripeAccountId));

        var keys = await app.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().JournalEntries.AsNoTracking()
            .Where(e => e.IdempotencyKey.StartsWith("payout:")).Select(e => e.IdempotencyKey).ToListAsync());
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(keys, k => Assert.Contains(all, p => k.StartsWith($"payout:{p.Id}:", StringComparison.Ordinal)));
        var ours = keys.Where(k => payouts.Any(p => k.StartsWith($"payout:{p.Id}:", StringComparison.Ordinal))).ToList();
        Assert.All(paid, p => Assert.Contains($"payout:{p.Id}:post", ours));
        Assert.Equal(paid.Count, ours.Count(k => k.EndsWith(":post", StringComparison.Ordinal)));
        Assert.All(payouts, p => Assert.Contains($"payout:{p.Id}:reserve", ours));
        Assert.Equal(payouts.Count(p => p.Status is PayoutStatus.Failed or PayoutStatus.Rejected), ours.Count(k => k.EndsWith(":void", StringComparison.Ordinal)));

        var escrow = await Pledges.EscrowAsync(slug);
        var unfinished = payouts.Where(p => !p.IsFinished).Sum(p => p.Amount);
        Assert.Equal(unfinished, escrow.DebitsPending);
        Assert.Equal(funded - paid.Sum(p => p.Amount) - unfinished, escrow.AvailableCredit);
    }

    [GeneratedRegex("name=\"form_key\" value=\"([^\"]+)\"")]
    private static partial Regex FormKey();
}
