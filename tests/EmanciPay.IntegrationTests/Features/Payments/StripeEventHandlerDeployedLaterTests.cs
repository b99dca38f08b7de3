using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Payments;
using EmanciPay.Application.Payments;
using EmanciPay.Infrastructure.Jobs;
using EmanciPay.Infrastructure.Payments;
using EmanciPay.IntegrationTests.Support;
using EmanciPay.StripeEmulator;
using EmanciPay.Web.Startup;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmanciPay.IntegrationTests.Features.Payments;

/// <summary>
/// A release without a handler for a type keeps its events as ignored and logs each (type and id only); the next
/// release, with a handler for that type, processes them when it starts. Two apps in turn over a database of their own,
/// so that no other worker races them. The first app's idle poll stays out of the Information log.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StripeEventHandlerDeployedLaterTests(PostgresFixture fixture)
{
    [Fact]
    public async Task Events_kept_as_ignored_are_processed_when_a_release_with_their_handler_starts()
    {
        var database = await TestPostgres.CreateEmptyDatabaseAsync("emancipay_routing_tests");
        var log = new CapturedLog();
        await using (var before = App(database, services => services
            .AddSingleton<ILoggerProvider>(log)
            .Configure<LoggerFilterOptions>(o => o.AddFilter<CapturedLog>("EmanciPay", LogLevel.Debug))))
        {
            _ = before.Server;
            await before.Services.MigrateDatabaseAsync();
            await WaitForAsync(() => Task.FromResult(log.Entries.Any(e => e.Message.Contains(nameof(ListDueStripeEvents), StringComparison.Ordinal))));
            log.Clear();
            await Task.Delay(TimeSpan.FromSeconds(1));
            var idle = log.Entries.ToList();

            Assert.True(idle.Count(e => e.Level == LogLevel.Debug && e.Message.Contains(nameof(ListDueStripeEvents), StringComparison.Ordinal)) >= 2, "The worker did not poll.");
            Assert.DoesNotContain(idle, e => e.Level >= LogLevel.Information && (e.Category.Contains("Stripe", StringComparison.Ordinal) || e.Message.Contains("Stripe", StringComparison.Ordinal)));

            using var client = before.CreateClient();
            Assert.Equal(HttpStatusCode.OK, await DeliverAsync(before, client, "evt_later_refund", "radar.early_fraud_warning.created", "radar.early_fraud_warning", "issfr_later"));
            Assert.Equal(HttpStatusCode.OK, await DeliverAsync(before, client, "evt_later_dispute", "review.opened", "review", "prv_later"));
            await WaitForAsync(async () => (await StatusesAsync(before)).Values.All(s => s == StripeEventStatus.Ignored));
            Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning && e.Message == "Stripe event evt_later_refund of type radar.early_fraud_warning.created has no handler; kept as ignored");
        }

        var applied = new ConcurrentQueue<string>();
        await using var after = App(database, services => services.AddSingleton(applied).AddScoped<IStripeEventsHandler, FraudWarningEventsForTest>());
        _ = after.Server;
        await WaitForAsync(async () => (await StatusesAsync(after))["evt_later_refund"] == StripeEventStatus.Processed);
        var disputes = await SendAsync(after, new ReprocessIgnoredStripeEvents.Command("review.opened"));

        Assert.Equal(["evt_later_refund issfr_later"], applied);
        Assert.Equal(0, disputes.Requeued);
        Assert.Equal(StripeEventStatus.Ignored, (await StatusesAsync(after))["evt_later_dispute"]);
    }

    private WebApplicationFactory<Program> App(string database, Action<IServiceCollection> services) =>
        fixture.Factory.WithWebHostBuilder(builder => builder
            .UseSetting("ConnectionStrings:EmanciPay", database)
            .ConfigureTestServices(services));

    private static async Task<HttpStatusCode> DeliverAsync(WebApplicationFactory<Program> app, HttpClient client, string id, string type, string objectType, string objectId)
    {
        var payload = new JsonObject
        {
            ["id"] = id,
            ["object"] = "event",
            ["api_version"] = Stripe.StripeConfiguration.ApiVersion,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["type"] = type,
            ["livemode"] = false,
            ["data"] = new JsonObject { ["object"] = new JsonObject { ["id"] = objectId, ["object"] = objectType, ["amount"] = 1000, ["currency"] = "usd" } },
        }.ToJsonString();
        var secret = app.Services.GetRequiredService<StripeSettings>().WebhookSigningSecret;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", WebhookDispatcher.Sign(payload, secret, DateTimeOffset.UtcNow));
        return (await client.SendAsync(request)).StatusCode;
    }

    private static async Task<Dictionary<string, StripeEventStatus>> StatusesAsync(WebApplicationFactory<Program> app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IAppDbContext>().StripeEvents.AsNoTracking().ToDictionaryAsync(e => e.Id, e => e.Status);
    }

    private static async Task<TResponse> SendAsync<TResponse>(WebApplicationFactory<Program> app, ICommand<TResponse> command)
    {
        // As a job would: the system sends it.
        await using var scope = app.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The app did not get there within 20 seconds.");
            await Task.Delay(50);
        }
    }

    /// <summary>An area a later release might bring (fraud warnings): it owns radar.early_fraud_warning.created and notes what it applied.</summary>
    private sealed class FraudWarningEventsForTest(ConcurrentQueue<string> applied) : IStripeEventsHandler
    {
        public IReadOnlyCollection<string> EventTypes => ["radar.early_fraud_warning.created"];

        public Task<StripeEventReading> ReadAsync(IReadOnlyList<StripeEvent> events, CancellationToken cancellationToken) =>
            Task.FromResult<StripeEventReading>(new Read(events.ToDictionary(e => e.Id, e => e.ObjectId)));

        public Task ApplyAsync(IReadOnlyList<StripeEvent> events, StripeEventReading reading, CancellationToken cancellationToken)
        {
            foreach (var stripeEvent in events)
            {
                applied.Enqueue($"{stripeEvent.Id} {((Read)reading).ObjectIds[stripeEvent.Id]}");
            }

            return Task.CompletedTask;
        }

        private sealed record Read(IReadOnlyDictionary<string, string?> ObjectIds) : StripeEventReading;
    }

    /// <summary>Every EmanciPay log entry, Debug and up, in the order written.</summary>
    private sealed class CapturedLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> entries = new();

        public IReadOnlyCollection<(string Category, LogLevel Level, string Message)> Entries => entries;

        public void Clear() => entries.Clear();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => category.StartsWith("EmanciPay", StringComparison.Ordinal) && logLevel >= LogLevel.Debug;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    entries.Enqueue((category, logLevel, formatter(state, exception)));
                }
            }
        }
    }
}
