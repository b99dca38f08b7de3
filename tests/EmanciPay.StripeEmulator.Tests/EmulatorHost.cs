using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Stripe;

namespace EmanciPay.StripeEmulator.Tests;

/// <summary>The emulator on a test server, a Stripe.net client pointed at it, and a webhook endpoint that records what arrives.</summary>
public sealed class EmulatorHost : IAsyncLifetime
{
    public const string ApiKey = "sk_test_emulator_tests";
    public const string SigningSecret = "whsec_emulator_tests";

    private WebApplication? app;

    public StripeEmulator Emulator => app!.Services.GetRequiredService<StripeEmulator>();

    public StripeClient Stripe { get; private set; } = null!;

    public HttpClient Browser { get; private set; } = null!;

    /// <summary>Every webhook request received: its body and Stripe-Signature header.</summary>
    public ConcurrentQueue<(string Body, string Signature)> Received { get; } = new();

    private int failNextWebhooks;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddRouting();
        builder.Services.AddStripeEmulator(new StripeEmulatorOptions
        {
            ApiKey = ApiKey,
            WebhookSigningSecret = SigningSecret,
            WebhookEndpoints = () => [new Uri("http://localhost/hooks")],
            WebhookRetryDelay = TimeSpan.FromMilliseconds(20),
        });
        builder.Services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => ((TestServer)sp.GetRequiredService<IServer>()).CreateHandler());
        app = builder.Build();
        app.MapStripeEmulator("/stripe");
        app.MapPost("/hooks", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            Received.Enqueue((await reader.ReadToEndAsync(), context.Request.Headers["Stripe-Signature"].ToString()));
            return Interlocked.Decrement(ref failNextWebhooks) >= 0 ? Results.StatusCode(500) : Results.Ok();
        });
        await app.StartAsync();

        var server = app.GetTestServer();
        Stripe = new StripeClient(ApiKey, httpClient: new SystemNetHttpClient(new HttpClient(server.CreateHandler()), maxNetworkRetries: 2), apiBase: "http://localhost/stripe");
        Browser = new HttpClient(server.CreateHandler()) { BaseAddress = new Uri("http://localhost") };
    }

    public async Task DisposeAsync()
    {
        Browser.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>The webhook endpoint answers the next <paramref name="count"/> requests with 500.</summary>
    public void FailNextWebhooks(int count) => Interlocked.Exchange(ref failNextWebhooks, count);

    public async Task<Event[]> EventsAsync()
    {
        await Emulator.Webhooks.WhenIdleAsync(TimeSpan.FromSeconds(10));
        return Received.Select(r => EventUtility.ConstructEvent(r.Body, r.Signature, SigningSecret)).ToArray();
    }
}
