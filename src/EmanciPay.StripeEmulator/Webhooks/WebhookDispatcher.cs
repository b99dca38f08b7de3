using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EmanciPay.StripeEmulator;

/// <summary>One attempt to deliver an event to an endpoint, as the emulator's delivery log records it.</summary>
public sealed record WebhookAttempt(string EventId, string Type, Uri Endpoint, int Attempt, int? Status);

/// <summary>
/// Delivers events to the configured endpoints, signed as Stripe signs them, retrying with exponential backoff on
/// anything but 2xx. Test hooks hold, reorder, duplicate, delay or drop deliveries.
/// </summary>
public sealed partial class WebhookDispatcher(
    StripeEmulatorOptions options,
    IHttpClientFactory httpClients,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "EmanciPay.StripeEmulator.Webhooks";

    private readonly Channel<Delivery> queue = Channel.CreateUnbounded<Delivery>();
    private readonly Lock gate = new();
    private readonly List<Delivery> held = [];
    private readonly List<WebhookAttempt> attempts = [];
    private int outstanding;
    private int dropNext;
    private bool holding;
    private TaskCompletionSource idle = CompletedIdle();

    /// <summary>Each event is delivered twice (as Stripe may).</summary>
    public bool Duplicate { get; set; }

    /// <summary>Every delivery waits this long first.</summary>
    public TimeSpan Delay { get; set; }

    public IReadOnlyList<WebhookAttempt> Attempts
    {
        get
        {
            lock (gate)
            {
                return attempts.ToList();
            }
        }
    }

    /// <summary>Keeps events back until <see cref="Release"/>, so a test can deliver them in another order.</summary>
    public void Hold()
    {
        lock (gate)
        {
            holding = true;
        }
    }

    /// <summary>Delivers the held events, in reverse order of creation when asked: out-of-order delivery.</summary>
    public void Release(bool reverse = false)
    {
        List<Delivery> release;
        lock (gate)
        {
            holding = false;
            release = reverse ? held.AsEnumerable().Reverse().ToList() : held.ToList();
            held.Clear();
        }

        foreach (var delivery in release)
        {
            queue.Writer.TryWrite(delivery);
        }
    }

    /// <summary>The next <paramref name="count"/> events are never delivered.</summary>
    public void DropNext(int count)
    {
        lock (gate)
        {
            dropNext += count;
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            Duplicate = false;
            Delay = TimeSpan.Zero;
            dropNext = 0;
            holding = false;
            attempts.Clear();
            Track(-held.Count);
            held.Clear();
        }
    }

    /// <summary>Completes when no delivery is queued, held back or waiting to retry.</summary>
    public async Task WhenIdleAsync(TimeSpan timeout)
    {
        Task wait;
        lock (gate)
        {
            wait = idle.Task;
        }

        await wait.WaitAsync(timeout);
    }

    internal void Enqueue(string eventId, string type, string payload)
    {
        var endpoints = options.WebhookEndpoints();
        lock (gate)
        {
            if (dropNext > 0)
            {
                dropNext--;
                return;
            }

            foreach (var endpoint in endpoints)
            {
                for (var copy = 0; copy < (Duplicate ? 2 : 1); copy++)
                {
                    var delivery = new Delivery(eventId, type, payload, endpoint, 1);
                    Track(+1);
                    if (holding)
                    {
                        held.Add(delivery);
                    }
                    else
                    {
                        queue.Writer.TryWrite(delivery);
                    }
                }
            }
        }
    }

    /// <summary>The Stripe-Signature header: t=timestamp,v1=HMAC-SHA256 of "timestamp.payload" with the signing secret.</summary>
    public static string Sign(string payload, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(signature)}";
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // One delivery at a time, in queue order, so that a test decides the order (Hold/Release); retries wait
        // apart from the queue and do not hold it up.
        await foreach (var delivery in queue.Reader.ReadAllAsync(stoppingToken))
        {
            await DeliverAsync(delivery, stoppingToken);
        }
    }

    private async Task DeliverAsync(Delivery delivery, CancellationToken stoppingToken)
    {
        int? status = null;
        try
        {
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, clock, stoppingToken);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Endpoint)
            {
                Content = new StringContent(delivery.Payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            request.Headers.Add("Stripe-Signature", Sign(delivery.Payload, options.WebhookSigningSecret, clock.GetUtcNow()));
            request.Headers.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
            using var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, stoppingToken);
            status = (int)response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
        {
            LogDeliveryError(logger, delivery.EventId, exception.GetType().Name);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (gate)
        {
            attempts.Add(new WebhookAttempt(delivery.EventId, delivery.Type, delivery.Endpoint, delivery.Attempt, status));
        }

        if (status is >= 200 and < 300 || delivery.Attempt >= options.WebhookMaxAttempts)
        {
            Track(-1);
            return;
        }

        var backoff = options.WebhookRetryDelay * Math.Pow(2, delivery.Attempt - 1);
        _ = Task.Delay(backoff, clock, stoppingToken).ContinueWith(
            _ => queue.Writer.TryWrite(delivery with { Attempt = delivery.Attempt + 1 }),
            stoppingToken,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);
    }

    private void Track(int change)
    {
        lock (gate)
        {
            outstanding += change;
            if (outstanding > 0 && idle.Task.IsCompleted)
            {
                idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            else if (outstanding == 0)
            {
                idle.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource CompletedIdle()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery of {EventId} failed: {ExceptionType}")]
    private static partial void LogDeliveryError(ILogger logger, string eventId, string exceptionType);

    private sealed record Delivery(string EventId, string Type, string Payload, Uri Endpoint, int Attempt);
}
