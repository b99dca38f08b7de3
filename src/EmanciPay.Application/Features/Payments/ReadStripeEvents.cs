using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Payments;

/// <summary>
/// The first half of processing Stripe events: each handler reads from Stripe what its events need, with no
/// transaction open and nothing locked, so Stripe's latency never becomes lock or pool time. A query: it changes
/// nothing. <see cref="ProcessStripeEvents"/> then applies what was read in one short transaction.
/// </summary>
public static class ReadStripeEvents
{
    [AllowedFor(Sender.System)]
    public sealed record Query(IReadOnlyList<string> EventIds) : IQuery<Result>;

    /// <summary>The events that were still waiting, and what each handler (by its type) read for them.</summary>
    public sealed record Result(IReadOnlyList<string> EventIds, IReadOnlyDictionary<Type, StripeEventReading> Readings);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.EventIds).NotEmpty().Must(ids => ids.Count <= ProcessStripeEvents.MaxEvents).WithMessage($"At most {ProcessStripeEvents.MaxEvents} events at a time.");
            RuleForEach(q => q.EventIds).NotEmpty().MaximumLength(StripeEvent.MaxIdLength);
        }
    }

    public sealed class Handler(IAppDbContext db, StripeEventRouter router) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var events = await db.StripeEvents.AsNoTracking()
                .Where(e => query.EventIds.Contains(e.Id) && e.Status == StripeEventStatus.Received)
                .ToListAsync(cancellationToken);
            var readings = new Dictionary<Type, StripeEventReading>();
            foreach (var owned in events.GroupBy(e => router.HandlerFor(e.Type)))
            {
                if (owned.Key is { } handler)
                {
                    readings[handler.GetType()] = await handler.ReadAsync(owned.ToList(), cancellationToken);
                }
            }

            return new Result(events.Select(e => e.Id).ToList(), readings);
        }
    }
}
