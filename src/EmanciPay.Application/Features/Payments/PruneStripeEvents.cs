using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Payments;

/// <summary>
/// The daily prune of the webhook inbox: processed events older than Stripe:EventRetentionDays are deleted. Stripe
/// stops redelivering an event after three days, so an id that old cannot arrive twice any more, and payloads, which
/// can name listeners, are not kept longer than needed. Their effects stay in the ledger and the payments; an event not
/// yet processed, or ignored for want of a handler, is never deleted.
/// </summary>
public static class PruneStripeEvents
{
    [AllowedFor(Sender.System)]
    public sealed record Command : ICommand;

    public sealed class Handler(IAppDbContext db, IOptions<StripeEventOptions> options, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var days = Math.Max(options.Value.EventRetentionDays, StripeEventOptions.MinimumRetentionDays);
            var before = clock.GetUtcNow().AddDays(-days);
            await db.StripeEvents.Where(e => e.Status == StripeEventStatus.Processed && e.ProcessedAt < before).ExecuteDeleteAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
