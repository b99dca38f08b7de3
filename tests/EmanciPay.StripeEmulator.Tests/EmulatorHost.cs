using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Stripe;
using Stripe.Checkout;

namespace EmanciPay.StripeEmulator.Tests;

/// <summary>
/// The emulator on a test server, a Stripe.net client pointed at it, and a webhook endpoint that records what arrives;
/// on the given clock (a fake one to make account links expire), else the system's.
/// </summary>
public sealed class EmulatorHost(TimeProvider? clock = null) : IAsyncLifetime
{
    public const string ApiKey = "sk_test_emulator_tests";
    public const string SigningSecret = "whsec_emulator_tests";

    private WebApplication? app;

    public StripeEmulator Emulator => app!.Services.GetRequiredService<StripeEmulator>();

    public StripeClient Stripe { get; private set; } = null!;

    public HttpClient Browser { get; private set; } = null!;

    /// <summary>Every body the emulator's API answered Stripe.net with, in order.</summary>
    public ConcurrentQueue<string> ApiResponses { get; } = new();

    /// <summary>Every webhook request received: its body and Stripe-Signature header.</summary>
    public ConcurrentQueue<(string Body, string Signature)> Received { get; } = new();

    private int failNextWebhooks;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddRouting();
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

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
        var recorder = new ResponseRecorder(ApiResponses) { InnerHandler = server.CreateHandler() };
        Stripe = new StripeClient(ApiKey, httpClient: new SystemNetHttpClient(new HttpClient(recorder), maxNetworkRetries: 2), apiBase: "http://localhost/stripe");
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

    public Task<Session> CreateSessionAsync(long amount, RequestOptions? request = null) => new SessionService(Stripe).CreateAsync(SessionOptions(amount), request);

    public static SessionCreateOptions SessionOptions(long amount) => new()
    {
        Mode = "payment",
        SuccessUrl = "https://app.example/thanks?session_id={CHECKOUT_SESSION_ID}",
        CancelUrl = "https://app.example/cancelled",
        CustomerEmail = "listener@example.test",
        Metadata = new Dictionary<string, string> { ["pledge_id"] = "pledge-1" },
        PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = new Dictionary<string, string> { ["pledge_id"] = "pledge-1" } },
        LineItems =
        [
            new SessionLineItemOptions
            {
                Quantity = 1,
                PriceData = new SessionLineItemPriceDataOptions { Currency = "usd", UnitAmount = amount, ProductData = new SessionLineItemPriceDataProductDataOptions { Name = "Pledge to KEXP" } },
            },
        ],
    };

    /// <summary>Pays on the hosted page, as a listener's browser does.</summary>
    public Task<HttpResponseMessage> PayAsync(Session session, string card) =>
        Browser.PostAsync(new Uri(session.Url).PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["card_number"] = card }));

    /// <summary>A raw API call, for what Stripe.net would never send.</summary>
    public async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpMethod method, string path, HttpContent? content = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, "/stripe/v1/" + path) { Content = content };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await Browser.SendAsync(request);
        return (response.StatusCode, (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private sealed class ResponseRecorder(ConcurrentQueue<string> responses) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            responses.Enqueue(await response.Content.ReadAsStringAsync(cancellationToken));
            return response;
        }
    }
}
