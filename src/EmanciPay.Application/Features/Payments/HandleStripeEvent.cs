using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Payments;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Payments;

/// <summary>
/// A verified Stripe webhook event. Its id is recorded in the same transaction as its effects, so a redelivery
/// changes nothing. Events only say which payment changed: its state is read from Stripe, so events arriving in
/// any order (charge before intent, intent before checkout) converge on the same books.
/// </summary>
public static class HandleStripeEvent
{
    public sealed record Command(string EventId, string Type, string? PaymentIntentId) : ICommand<Result>;

    public sealed record Result(bool Duplicate);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.EventId).NotEmpty().MaximumLength(255);
            RuleFor(c => c.Type).NotEmpty().MaximumLength(100);
            RuleFor(c => c.PaymentIntentId).MaximumLength(255);
        }
    }

    public sealed class Handler(IAppDbContext db, IPaymentGateway gateway, PaymentRecorder recorder, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await db.ProcessedStripeEvents.AnyAsync(e => e.Id == command.EventId, cancellationToken))
            {
                return new Result(Duplicate: true);
            }

            db.ProcessedStripeEvents.Add(new ProcessedStripeEvent(command.EventId, command.Type, clock.GetUtcNow()));
            if (command.PaymentIntentId is not null)
            {
                await recorder.RecordAsync(await gateway.GetPaymentAsync(command.PaymentIntentId, cancellationToken), cancellationToken);
            }

            return new Result(Duplicate: false);
        }
    }
}
