using EmanciPay.Application.Common;
using EmanciPay.Domain.Pledges;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>
/// The recurring sweep: a pledge whose checkout was left unpaid for as long as Stripe keeps a session open is expired,
/// each in a job of its own, so that it stops "waiting for payment" even when Stripe's expiry event never arrives.
/// </summary>
public static class ExpireAbandonedCheckouts
{
    /// <summary>Stripe's own lifetime of a Checkout Session.</summary>
    public static readonly TimeSpan CheckoutLifetime = TimeSpan.FromHours(24);

    [AllowedFor(Sender.System)]
    public sealed record Command : ICommand;

    public sealed class Handler(IAppDbContext db, IBackgroundJobs jobs, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var openedBefore = clock.GetUtcNow() - CheckoutLifetime;
            var abandoned = await db.Pledges
                .Where(p => (p.Status == PledgeStatus.Pending || p.Status == PledgeStatus.Failed) && p.PaymentsCount == 0
                    && p.CheckoutSessionId != null && (p.CheckoutOpenedAt ?? p.CreatedAt) <= openedBefore)
                .Select(p => p.Id)
                .Take(1000)
                .ToListAsync(cancellationToken);
            foreach (var pledgeId in abandoned)
            {
                jobs.EnqueueAfterCommit(new ExpireCheckout.Command(pledgeId));
            }

            return Unit.Value;
        }
    }
}
