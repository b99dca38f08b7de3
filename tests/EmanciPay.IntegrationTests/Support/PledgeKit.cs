using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Stations;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Pledges;
using EmanciPay.Infrastructure.Payments;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Support;

/// <summary>A listener's moves through the real HTTP surface: pledge through the API, pay on the emulator's checkout page.</summary>
public sealed class PledgeKit(AppFixture app)
{
    public HttpClient Client { get; } = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public Task AddStationAsync(string callSign = "KEXP-FM", string name = "KEXP") =>
        app.SendAsync(new ImportStations.Command([new ImportStations.Station(callSign, name, "90.3 FM", "Seattle", "WA", "https://www.kexp.org")]));

    public static object Body(long? amount = 1000, string station = "kexp-fm", string currency = "usd", string frequency = "one_time", string? email = "listener@example.test", string? message = null, bool coverFee = false) =>
        new { station, amount, currency, frequency, email, message, anonymous = false, coverFee };

    public async Task<HttpResponseMessage> PostPledgeAsync(object body, string? idempotencyKey = "key-1")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/pledges") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await Client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> PostRawAsync(string json, string idempotencyKey = "key-1")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/pledges") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await Client.SendAsync(request);
    }

    public async Task<JsonElement> PledgeAsync(long amount = 1000, string key = "key-1", bool coverFee = false, string email = "listener@example.test")
    {
        var response = await PostPledgeAsync(Body(amount, email: email, coverFee: coverFee), key);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Pays on the emulator's hosted page; returns where Stripe sends the listener (the thank-you page), or null on a decline.</summary>
    public async Task<Uri?> PayAsync(JsonElement pledge, string card = "4242424242424242")
    {
        var checkout = new Uri(pledge.GetProperty("checkoutUrl").GetString()!);
        var response = await Client.PostAsync(checkout.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["card_number"] = card }));
        return response.StatusCode == HttpStatusCode.Redirect ? response.Headers.Location : null;
    }

    /// <summary>Pledges through the API as whoever the client is signed in as, with the antiforgery token a signed-in browser sends.</summary>
    public static async Task<JsonElement> PostAsync(HttpClient client, object body, string key = "key-1")
    {
        var antiforgery = await client.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/pledges") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        request.Headers.Add(antiforgery.GetProperty("header").GetString()!, antiforgery.GetProperty("token").GetString());
        var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Waits for background work (Hangfire jobs) to reach the state the test expects.</summary>
    public static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The background work did not finish within 20 seconds.");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until Stripe's webhooks have been delivered and their effects posted.</summary>
    public Task WebhooksDeliveredAsync() => app.StripeEventsProcessedAsync();

    public string WebhookSecret => app.Factory.Services.GetRequiredService<StripeSettings>().WebhookSigningSecret;

    /// <summary>The PaymentIntent behind a pledge's checkout, as Stripe (the emulator) has it now.</summary>
    public JsonObject IntentOf(JsonElement pledge)
    {
        var session = new Uri(pledge.GetProperty("checkoutUrl").GetString()!).Segments[^1];
        return app.Factory.Emulator.Retrieve(app.Factory.Emulator.FindCheckoutSession(session)!["payment_intent"]!.GetValue<string>(), "payment_intent", []);
    }

    /// <summary>An event in Stripe's shape, created now by the app's clock.</summary>
    public string EventPayload(string id, string type, JsonObject subject) => new JsonObject
    {
        ["id"] = id,
        ["object"] = "event",
        ["api_version"] = app.Factory.Emulator.Options.ApiVersion,
        ["created"] = app.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds(),
        ["type"] = type,
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["data"] = new JsonObject { ["object"] = subject },
    }.ToJsonString();

    /// <summary>Posts an event to the webhook as Stripe would, with the given Stripe-Signature (none when null).</summary>
    public async Task<HttpResponseMessage> DeliverWebhookAsync(string payload, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add("Stripe-Signature", signature);
        }

        return await Client.SendAsync(request);
    }

    public Task<Pledge> PledgeRowAsync(Guid id) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Pledges.AsNoTracking().SingleAsync(p => p.Id == id));

    /// <summary>Every account's balance by code, read directly: the sum of its counter rows.</summary>
    public Task<Dictionary<string, AccountBalance>> BalancesAsync() => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<IAppDbContext>();
        var codes = await db.LedgerAccounts.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Code);
        return (await db.LedgerBalances.AsNoTracking().ToListAsync())
            .GroupBy(b => codes[b.AccountId])
            .ToDictionary(g => g.Key, g => g.Aggregate(default(AccountBalance), (sum, row) => sum + row.Balance));
    });

    /// <summary>
    /// Runs work on the ledger in one transaction, as a command's pipeline does: in a fresh scope, and again after
    /// losing a race on a unique key (an idempotency key, an account being opened).
    /// </summary>
    public async Task<T> LedgerAsync<T>(Func<LedgerBook, Task<T>> work)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = app.Factory.Services.CreateAsyncScope();
            var db = (DbContext)scope.ServiceProvider.GetRequiredService<IAppDbContext>();
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                var result = await work(scope.ServiceProvider.GetRequiredService<LedgerBook>());
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
                return result;
            }
            catch (Exception exception) when (attempt < 3 && scope.ServiceProvider.GetRequiredService<IDatabaseErrors>().IsUniqueViolation(exception))
            {
            }
        }
    }

    /// <summary>Posts a payment as PaymentRecorder does: the gross into the station's escrow, Stripe's fee as its own postings, passed on.</summary>
    public async Task<PostedEntry> PostPaymentAsync(string paymentIntentId, long amount, long fee)
    {
        var recipient = await RecipientIdAsync();
        return await LedgerAsync(async ledger =>
            await ledger.PostAsync(EntryCause.PledgePayment(paymentIntentId), "payment", await PaymentTransfersAsync(ledger, recipient, amount, fee), default));
    }

    /// <remarks>Takes the recipient's id, not its slug: inside a transaction, looking it up would take a second connection.</remarks>
    public static async Task<List<TransferRequest>> PaymentTransfersAsync(LedgerBook ledger, Guid recipient, long amount, long fee)
    {
        var stripe = await ledger.PlatformAccountAsync(PlatformAccount.StripeBalance, Currency.Usd, default);
        var fees = await ledger.PlatformAccountAsync(PlatformAccount.ProcessingFees, Currency.Usd, default);
        var escrow = await ledger.EscrowAccountAsync(recipient, Currency.Usd, default);
        List<TransferRequest> transfers = [new TransferRequest.Post(stripe.Id, escrow.Id, new Money(amount, Currency.Usd))];
        if (fee > 0)
        {
            transfers.Add(new TransferRequest.Post(fees.Id, stripe.Id, new Money(fee, Currency.Usd)));
            transfers.Add(new TransferRequest.Post(escrow.Id, fees.Id, new Money(fee, Currency.Usd)));
        }

        return transfers;
    }

    /// <summary>Money out of the station's escrow to the Stripe balance, as a payout takes it.</summary>
    public static async Task<TransferRequest.Post> WithdrawalAsync(LedgerBook ledger, Guid recipient, long amount)
    {
        var stripe = await ledger.PlatformAccountAsync(PlatformAccount.StripeBalance, Currency.Usd, default);
        var escrow = await ledger.EscrowAccountAsync(recipient, Currency.Usd, default);
        return new TransferRequest.Post(escrow.Id, stripe.Id, new Money(amount, Currency.Usd));
    }

    public Task<Guid> RecipientIdAsync(string slug = "kexp-fm") =>
        app.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Recipients.Where(r => r.Slug == slug).Select(r => r.Id).SingleAsync());

    public Task<AccountBalance> EscrowAsync(string slug = "kexp-fm") => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<IAppDbContext>();
        var id = await db.Recipients.Where(r => r.Slug == slug).Select(r => r.Id).SingleAsync();
        return (await BalancesAsync()).GetValueOrDefault(LedgerAccount.EscrowCode(id));
    });

    public Task<int> CountAsync<T>()
        where T : class => app.WithScopeAsync(sp => ((DbContext)sp.GetRequiredService<IAppDbContext>()).Set<T>().CountAsync());
}
