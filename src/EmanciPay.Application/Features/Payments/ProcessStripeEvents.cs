using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Payments;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Payments;

/// <summary>
/// Posts the effects of received Stripe events and marks them processed, in one transaction: an event is processed
/// once, however often Stripe delivered it and however many workers run. Events only say which payment changed;
/// payments already in our books are skipped, and the rest are read as Stripe reports them now, so events arriving in
/// any order (charge before intent, intent before checkout) converge on the same books. Many events at a time cost a
/// few statements and one page of Stripe's balance transactions, not a round trip each.
/// </summary>
public static class ProcessStripeEvents
{
    public const int MaxEvents = 500;

    [AllowedFor(Sender.System)]
    public sealed record Command(IReadOnlyList<string> EventIds) : ICommand<Result>;

    public sealed record Result(int Processed);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.EventIds).NotEmpty().Must(ids => ids.Count <= MaxEvents).WithMessage($"At most {MaxEvents} events at a time.");
            RuleForEach(c => c.EventIds).NotEmpty().MaximumLength(StripeEvent.MaxIdLength);
        }
    }

    public sealed class Handler(IAppDbContext db, IPaymentGateway gateway, PaymentRecorder recorder, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var events = await db.LockUnprocessedStripeEventsAsync(command.EventIds, cancellationToken);
            var intentIds = events.Select(e => e.PaymentIntentId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var recorded = (await db.Payments.Where(p => intentIds.Contains(p.PaymentIntentId)).Select(p => p.PaymentIntentId).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
            var open = events
                .Where(e => e.PaymentIntentId is { } intentId && !recorded.Contains(intentId))
                .Select(e => new StripeEventPayload(e.Type, e.PaymentIntentId!, e.Payload))
                .ToList();
            if (open.Count > 0)
            {
                await recorder.RecordAsync(await gateway.ReadPaymentsAsync(open, cancellationToken), cancellationToken);
            }

            var now = clock.GetUtcNow();
            foreach (var stripeEvent in events)
            {
                stripeEvent.MarkProcessed(now);
            }

            return new Result(events.Count);
        }
    }
}
