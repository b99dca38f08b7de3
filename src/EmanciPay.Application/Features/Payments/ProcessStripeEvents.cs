using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Application.Features.Payments;

/// <summary>
/// The second half of processing Stripe events, in one short transaction that calls no one: the events read by
/// <see cref="ReadStripeEvents"/> are locked (those another worker holds are skipped), each is handed to the handler
/// that owns its type to apply what was read, and marked processed with its effects; an event is processed once,
/// however often Stripe delivered it and however many workers run. A type no handler owns is marked ignored and kept,
/// never dropped: <see cref="ReprocessIgnoredStripeEvents"/> puts it back once a handler exists.
/// </summary>
public static partial class ProcessStripeEvents
{
    public const int MaxEvents = 500;

    [AllowedFor(Sender.System)]
    public sealed record Command(ReadStripeEvents.Result Events) : ICommand<Result>;

    /// <summary>How many events this transaction processed and ignored; none when another worker holds them all.</summary>
    public sealed record Result(int Processed, int Ignored);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Events.EventIds).NotEmpty().Must(ids => ids.Count <= MaxEvents).WithMessage($"At most {MaxEvents} events at a time.");
            RuleForEach(c => c.Events.EventIds).NotEmpty().MaximumLength(StripeEvent.MaxIdLength);
        }
    }

    public sealed partial class Handler(IStripeEventInbox inbox, StripeEventRouter router, TimeProvider clock, ILogger<Handler> logger) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var events = await inbox.LockReceivedAsync(command.Events.EventIds, cancellationToken);
            var now = clock.GetUtcNow();
            int processed = 0, ignored = 0;
            foreach (var owned in events.GroupBy(e => router.HandlerFor(e.Type)))
            {
                if (owned.Key is not { } handler)
                {
                    foreach (var stripeEvent in owned)
                    {
                        stripeEvent.MarkIgnored();
                        LogIgnored(logger, stripeEvent.Id, stripeEvent.Type);
                        ignored++;
                    }

                    continue;
                }

                var reading = command.Events.Readings.GetValueOrDefault(handler.GetType())
                    ?? throw new InvalidOperationException($"The events for {handler.GetType().Name} were not read before they were processed.");
                await handler.ApplyAsync(owned.ToList(), reading, cancellationToken);
                foreach (var stripeEvent in owned)
                {
                    stripeEvent.MarkProcessed(now);
                    processed++;
                }
            }

            return new Result(processed, ignored);
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe event {EventId} of type {EventType} has no handler; kept as ignored")]
        private static partial void LogIgnored(ILogger logger, string eventId, string eventType);
    }
}
