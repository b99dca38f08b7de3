using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using FluentValidation;
using Mediator;

namespace EmanciPay.Application.Features.Payments;

/// <summary>
/// Verified Stripe webhook events go into the inbox, and Stripe gets its answer at once, as Stripe asks; their effects
/// are posted by <see cref="ProcessStripeEvents"/>. Webhooks arriving together are written together, by one
/// statement that skips ids already there: that is what makes a redelivery a no-op. A request, not a command: the
/// statement is atomic on its own and needs no transaction around it.
/// </summary>
public static class ReceiveStripeEvents
{
    public const int MaxEvents = 500;

    [AllowedFor(Sender.System)]
    public sealed record Request(IReadOnlyList<ReceivedEvent> Events) : IRequest<Result>;

    /// <summary>An event as verified on arrival: its id and type, the type and id of the object it is about, and its payload.</summary>
    public sealed record ReceivedEvent(string EventId, string Type, string? ObjectType, string? ObjectId, string Payload);

    /// <summary>The ids that were new; the others were already in the inbox.</summary>
    public sealed record Result(IReadOnlySet<string> Added);

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Events).NotEmpty().Must(events => events.Count <= MaxEvents).WithMessage($"At most {MaxEvents} events at a time.");
            RuleForEach(r => r.Events).ChildRules(e =>
            {
                e.RuleFor(x => x.EventId).NotEmpty().MaximumLength(StripeEvent.MaxIdLength);
                e.RuleFor(x => x.Type).NotEmpty().MaximumLength(StripeEvent.MaxTypeLength);
                e.RuleFor(x => x.ObjectType).MaximumLength(StripeEvent.MaxTypeLength);
                e.RuleFor(x => x.ObjectId).MaximumLength(StripeEvent.MaxIdLength);
                e.RuleFor(x => x.Payload).NotEmpty();
            });
        }
    }

    public sealed class Handler(IStripeEventInbox inbox, TimeProvider clock) : IRequestHandler<Request, Result>
    {
        public async ValueTask<Result> Handle(Request request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var events = request.Events
                .DistinctBy(e => e.EventId, StringComparer.Ordinal)
                .Select(e => new StripeEvent(e.EventId, e.Type, e.ObjectType, e.ObjectId, e.Payload, now))
                .ToList();
            return new Result(await inbox.AddNewAsync(events, cancellationToken));
        }
    }
}
