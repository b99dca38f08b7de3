using EmanciPay.Application.Common;
using EmanciPay.Domain.Payments;
using FluentValidation;
using Mediator;

namespace EmanciPay.Application.Features.Payments;

/// <summary>
/// A verified Stripe webhook event goes into the inbox, and Stripe gets its answer at once, as Stripe asks; the event's
/// effects are posted by <see cref="ProcessStripeEvents"/>. A request, not a command: it is one INSERT, atomic on its
/// own, and the event id's unique key is what turns a redelivery into a no-op, so it needs no transaction around it.
/// </summary>
public static class ReceiveStripeEvent
{
    public sealed record Request(string EventId, string Type, string? PaymentIntentId, string Payload) : IRequest<Result>;

    public sealed record Result(bool Duplicate);

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.EventId).NotEmpty().MaximumLength(StripeEvent.MaxIdLength);
            RuleFor(r => r.Type).NotEmpty().MaximumLength(StripeEvent.MaxTypeLength);
            RuleFor(r => r.PaymentIntentId).MaximumLength(StripeEvent.MaxIdLength);
            RuleFor(r => r.Payload).NotEmpty();
        }
    }

    public sealed class Handler(IAppDbContext db, IDatabaseErrors errors, TimeProvider clock) : IRequestHandler<Request, Result>
    {
        public async ValueTask<Result> Handle(Request request, CancellationToken cancellationToken)
        {
            db.StripeEvents.Add(new StripeEvent(request.EventId, request.Type, request.PaymentIntentId, request.Payload, clock.GetUtcNow()));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new Result(Duplicate: false);
            }
            catch (Exception exception) when (errors.IsUniqueViolation(exception))
            {
                return new Result(Duplicate: true);
            }
        }
    }
}
