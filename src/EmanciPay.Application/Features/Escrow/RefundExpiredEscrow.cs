using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Escrow;

/// <summary>
/// The daily sweep over unclaimed escrow (DESIGN, Unclaimed escrow): every payment held longer than
/// Escrow:UnclaimedHoldDays for a station that has still not claimed it is disposed of as its listener chose, each in a
/// job of its own: moved to the station they chose if it has claimed its escrow, refunded otherwise (the default). Any
/// payment to a station that declined to join (one that got through as the decline was recorded) goes the same way at once.
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
            var expired = await UnclaimedDisposals.Of(db)
                .Where(due => db.Recipients.Any(s => s.Id == due.StationId && s.ClaimedAt == null && (due.PaidAt <= heldSince || s.DeclinedAt != null)))
                .Take(1000)
                .ToListAsync(cancellationToken);
            foreach (var due in expired)
            {
                UnclaimedDisposals.Enqueue(jobs, due);
            }

            return Unit.Value;
        }
    }
}
