using System.Threading.Channels;
using EmanciPay.Application.Features.Payments;
using EmanciPay.Application.Payments;
using EmanciPay.Infrastructure.Jobs;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmanciPay.Infrastructure.Payments;

/// <summary>
/// Works through the inbox of Stripe events: woken when a webhook arrives, and every few seconds anyway for events
/// another node received or a crash left behind. Events are processed in batches, so a burst of webhooks costs a few
/// transactions rather than one each; each batch is read from Stripe first, with nothing locked, and then applied in
/// one short transaction. A batch that fails is retried an event at a time, and an event that fails on its own is
/// deferred with backoff, so one bad event never holds up the rest. On start it puts back the ignored events whose
/// type has gained a handler since they arrived.
/// </summary>
public sealed partial class StripeEventProcessor(
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    IOptions<StripeEventOptions> options,
    ILogger<StripeEventProcessor> logger) : BackgroundService
{
    private readonly Channel<bool> signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private readonly int batchSize = Math.Clamp(options.Value.EventBatchSize, 1, ProcessStripeEvents.MaxEvents);

    private readonly TimeSpan pollInterval = TimeSpan.FromSeconds(options.Value.EventPollSeconds);

    /// <summary>Asks for the inbox to be worked through now rather than at the next poll.</summary>
    public void Wake() => signal.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Handlers talk to Stripe, whose address in test mode is this app's own (the emulator): begin once it listens.
        if (!await StartedAsync(stoppingToken))
        {
            return;
        }

        var ignoredRequeued = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!ignoredRequeued)
                {
                    var requeued = await InScopeAsync(sender => sender.Send(new ReprocessIgnoredStripeEvents.Command(), stoppingToken));
                    ignoredRequeued = true;
                    if (requeued.Requeued > 0)
                    {
                        LogIgnoredRequeued(logger, requeued.Requeued);
                    }
                }

                await DrainAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogInboxUnavailable(logger, exception.GetType().Name);
            }

            using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            poll.CancelAfter(pollInterval);
            try
            {
                await signal.Reader.ReadAsync(poll.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The poll interval passed without a webhook: look anyway.
            }
        }
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var due = await InScopeAsync(sender => sender.Send(new ListDueStripeEvents.Query(batchSize), cancellationToken));
            if (due.Count == 0)
            {
                return;
            }

            try
            {
                // None processed: another node holds them. Its commit, not a busy loop here, will clear them.
                if (await ProcessAsync(due, cancellationToken) == 0)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogBatchFailed(logger, due.Count, exception.GetType().Name);
                await ProcessOneByOneAsync(due, cancellationToken);
            }
        }
    }

    private async Task ProcessOneByOneAsync(IReadOnlyList<string> eventIds, CancellationToken cancellationToken)
    {
        foreach (var eventId in eventIds)
        {
            try
            {
                await ProcessAsync([eventId], cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogEventDeferred(logger, eventId, exception.GetType().Name);
                await InScopeAsync(sender => sender.Send(new DeferStripeEvent.Command(eventId), cancellationToken));
            }
        }
    }

    /// <summary>Reads what the events need from Stripe with no transaction open, then applies it in one; returns how many it settled.</summary>
    private async Task<int> ProcessAsync(IReadOnlyList<string> eventIds, CancellationToken cancellationToken)
    {
        var read = await InScopeAsync(sender => sender.Send(new ReadStripeEvents.Query(eventIds), cancellationToken));
        if (read.EventIds.Count == 0)
        {
            return 0;
        }

        var result = await InScopeAsync(sender => sender.Send(new ProcessStripeEvents.Command(read), cancellationToken));
        return result.Processed + result.Ignored;
    }

    // Each message gets a fresh scope, so a failed transaction leaves nothing behind in the next one's DbContext.
    private async Task<TResponse> InScopeAsync<TResponse>(Func<ISender, ValueTask<TResponse>> send)
    {
        await using var scope = scopes.CreateSystemScope();
        return await send(scope.ServiceProvider.GetRequiredService<ISender>());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} ignored Stripe events have a handler now; processing them")]
    private static partial void LogIgnoredRequeued(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Stripe event inbox could not be read ({ExceptionType}); trying again at the next poll")]
    private static partial void LogInboxUnavailable(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} Stripe events failed ({ExceptionType}); processing them one at a time")]
    private static partial void LogBatchFailed(ILogger logger, int count, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stripe event {EventId} failed ({ExceptionType}); deferred with backoff")]
    private static partial void LogEventDeferred(ILogger logger, string eventId, string exceptionType);
}
