using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Escrow;

/// <summary>
/// The daily sweep over unclaimed escrow (DESIGN, Unclaimed escrow): every payment held longer than
/// Escrow:UnclaimedHoldDays for a station that has still not claimed it is refunded, each in a job of its own; so is
/// any payment to a station that declined to join (one that got through as the decline was recorded).
/// </summary>
public static class RefundExpiredEscrow
{
    [AllowedFor(Sender.System)]
    public sealed record Command : ICommand;

    public sealed class Handler(IAppDbContext db, IBackgroundJobs jobs, IOptions<PledgeOptions> options, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var heldSince = clock.GetUtcNow().AddDays(-options.Value.UnclaimedHoldDays);
            var expired = await db.Payments
                .Where(p => p.RefundedAt == null)
                .Where(p => db.Pledges.Any(pl => pl.Id == p.PledgeId && db.Recipients.Any(r => r.Id == pl.RecipientId && r.ClaimedAt == null && (p.PaidAt <= heldSince || r.DeclinedAt != null))))
                .Select(p => p.Id)
                .Take(1000)
                .ToListAsync(cancellationToken);
            foreach (var paymentId in expired)
            {
                jobs.EnqueueAfterCommit(new RefundPayment.Command(paymentId));
            }

            return Unit.Value;
        }
    }
}
