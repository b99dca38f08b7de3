using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Escrow;

/// <summary>
/// The daily sweep over unclaimed escrow (DESIGN, Unclaimed escrow): every payment held longer than
/// Escrow:UnclaimedHoldDays for a station that has still not claimed it is disposed of as its listener chose, each in a
/// job of its own: moved to the station they chose if it has claimed its escrow, refunded otherwise (the default). Any
/// payment to a station that declined to join (one that got through as the decline was recorded) is refunded.
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
            var expired = await (
                    from payment in db.Payments
                    where payment.RefundedAt == null && payment.Disposal != ExpiryDisposal.Move
                    join pledge in db.Pledges on payment.PledgeId equals pledge.Id
                    join station in db.Recipients on pledge.RecipientId equals station.Id
                    where station.ClaimedAt == null && (payment.PaidAt <= heldSince || station.DeclinedAt != null)
                    let moves = payment.Disposal == ExpiryDisposal.None && station.DeclinedAt == null
                        && db.Recipients.Any(to => to.Id == pledge.FallbackRecipientId && to.ClaimedAt != null)
                    select new { payment.Id, Moves = moves })
                .Take(1000)
                .ToListAsync(cancellationToken);
            foreach (var payment in expired)
            {
                if (payment.Moves)
                {
                    jobs.EnqueueAfterCommit(new MoveExpiredGift.Command(payment.Id));
                }
                else
                {
                    jobs.EnqueueAfterCommit(new RefundPayment.Command(payment.Id));
                }
            }

            return Unit.Value;
        }
    }
}
