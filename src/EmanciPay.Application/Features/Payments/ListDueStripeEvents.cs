using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Payments;

/// <summary>
/// The oldest received Stripe events that are due for processing: new ones, and failed ones whose wait is over. The
/// worker asks every few seconds whether or not there is work, so this is a routine poll, logged at Debug.
/// </summary>
public static class ListDueStripeEvents
{
    [AllowedFor(Sender.System)]
    public sealed record Query(int Max) : IQuery<IReadOnlyList<string>>, IRoutinePoll;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Max).InclusiveBetween(1, ProcessStripeEvents.MaxEvents);
    }

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : IQueryHandler<Query, IReadOnlyList<string>>
    {
        public async ValueTask<IReadOnlyList<string>> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            return await db.StripeEvents.AsNoTracking()
                .Where(e => e.Status == StripeEventStatus.Received && e.DueAt <= now)
                .OrderBy(e => e.DueAt)
                .Select(e => e.Id)
                .Take(query.Max)
                .ToListAsync(cancellationToken);
        }
    }
}
