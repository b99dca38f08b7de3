using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Payments;

/// <summary>An event that failed on its own waits longer before its next attempt, so the events behind it go on.</summary>
public static class DeferStripeEvent
{
    [AllowedFor(Sender.System)]
    public sealed record Command(string EventId) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.EventId).NotEmpty().MaximumLength(StripeEvent.MaxIdLength);
    }

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var stripeEvent = await db.StripeEvents.SingleOrDefaultAsync(e => e.Id == command.EventId && e.Status == StripeEventStatus.Received, cancellationToken);
            stripeEvent?.RecordFailedAttempt(clock.GetUtcNow());
            return Unit.Value;
        }
    }
}
