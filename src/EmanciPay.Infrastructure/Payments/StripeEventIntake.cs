using System.Threading.Channels;
using EmanciPay.Application.Features.Payments;
using EmanciPay.Infrastructure.Jobs;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Infrastructure.Payments;

/// <summary>
/// Writes verified webhooks into the inbox in groups (group commit): each request waits for the statement that
/// carries its event, and the webhooks that arrive meanwhile share the next one, so a burst costs a round trip per
/// group rather than one per webhook. A request is answered only once its event is stored.
/// </summary>
public sealed partial class StripeEventIntake(IServiceScopeFactory scopes, StripeEventProcessor processor, ILogger<StripeEventIntake> logger) : BackgroundService
{
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>True when the event is new, false for a redelivery; throws when it could not be stored, and Stripe retries.</summary>
    public async Task<bool> AcceptAsync(ReceiveStripeEvents.ReceivedEvent received, CancellationToken cancellationToken)
    {
        var pending = new Pending(received, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        await queue.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Added.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<Pending>(ReceiveStripeEvents.MaxEvents);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                group.Clear();
                while (group.Count < ReceiveStripeEvents.MaxEvents && queue.Reader.TryRead(out var pending))
                {
                    group.Add(pending);
                }

                try
                {
                    await WriteAsync(group, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException && group.Count > 1)
                {
                    // One event that cannot be stored must not fail the others that shared its statement.
                    LogGroupFailed(logger, group.Count, exception.GetType().Name);
                    foreach (var pending in group)
                    {
                        await WriteAloneAsync(pending, stoppingToken);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    group[0].Added.TrySetException(exception);
                }
            }
        }
        finally
        {
            queue.Writer.TryComplete();
            while (queue.Reader.TryRead(out var pending))
            {
                pending.Added.TrySetCanceled(stoppingToken);
            }

            foreach (var pending in group)
            {
                pending.Added.TrySetCanceled(stoppingToken);
            }
        }
    }

    private async Task WriteAloneAsync(Pending pending, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync([pending], cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            pending.Added.TrySetException(exception);
        }
    }

    private async Task WriteAsync(IReadOnlyList<Pending> group, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateSystemScope();
        var result = await scope.ServiceProvider.GetRequiredService<ISender>()
            .Send(new ReceiveStripeEvents.Request(group.Select(p => p.Event).ToList()), cancellationToken);

        // The same event twice in one group: the first is new, the second a redelivery.
        var answered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pending in group)
        {
            pending.Added.TrySetResult(result.Added.Contains(pending.Event.EventId) && answered.Add(pending.Event.EventId));
        }

        if (result.Added.Count > 0)
        {
            processor.Wake();
        }
    }

    private sealed record Pending(ReceiveStripeEvents.ReceivedEvent Event, TaskCompletionSource<bool> Added);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} Stripe events together failed ({ExceptionType}); writing them one at a time")]
    private static partial void LogGroupFailed(ILogger logger, int count, string exceptionType);
}
