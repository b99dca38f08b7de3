using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Payments;

/// <summary>
/// Ignored Stripe events whose type now has a handler (all such types, or the one given) are put back in the inbox as
/// new, and the worker processes them as it would have on arrival. The worker sends this once when it starts, so
/// deploying a handler is enough for the events kept before it existed. Events no handler owns stay ignored.
/// </summary>
public static class ReprocessIgnoredStripeEvents
{
    [AllowedFor(Sender.Admin, Sender.System)]
    public sealed record Command(string? Type = null) : ICommand<Result>;

    public sealed record Result(int Requeued);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Type).NotEmpty().MaximumLength(StripeEvent.MaxTypeLength).When(c => c.Type is not null);
    }

    public sealed class Handler(IAppDbContext db, StripeEventRouter router, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var types = router.HandledTypes.Where(t => command.Type is null || t == command.Type).ToList();
            if (types.Count == 0)
            {
                return new Result(0);
            }

            var now = clock.GetUtcNow();
            var requeued = await db.StripeEvents
                .Where(e => e.Status == StripeEventStatus.Ignored && types.Contains(e.Type))
                .ExecuteUpdateAsync(
                    set => set.SetProperty(e => e.Status, StripeEventStatus.Received).SetProperty(e => e.DueAt, now).SetProperty(e => e.FailedAttempts, 0),
                    cancellationToken);
            return new Result(requeued);
        }
    }
}
