using EmanciPay.Application.Common;
using EmanciPay.Domain.Sharing;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Sharing;

/// <summary>
/// The listener chooses, payment by payment, what their public page and feed show: nothing (the default), the gift, or
/// the gift with its amount. Another listener's payment is 404.
/// </summary>
public static class ShareGift
{
    [AllowedFor(Sender.Listener)]
    public sealed record Command(string ListenerId, Guid PaymentId, bool Show, bool ShowAmount) : ICommand;

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var mine = await db.Payments.AnyAsync(p => p.Id == command.PaymentId && db.Pledges.Any(pl => pl.Id == p.PledgeId && pl.ListenerId == command.ListenerId), cancellationToken);
            if (!mine)
            {
                throw new NotFoundException("Payment", command.PaymentId.ToString());
            }

            var now = clock.GetUtcNow();
            var shared = await db.SharedGifts.SingleOrDefaultAsync(s => s.PaymentId == command.PaymentId, cancellationToken);
            if (!command.Show)
            {
                if (shared is not null)
                {
                    db.SharedGifts.Remove(shared);
                }
            }
            else if (shared is null)
            {
                db.SharedGifts.Add(SharedGift.Share(command.PaymentId, command.ListenerId, command.ShowAmount, now));
            }
            else
            {
                shared.ChooseAmount(command.ShowAmount);
            }

            var profile = await db.GiverProfiles.SingleOrDefaultAsync(p => p.ListenerId == command.ListenerId, cancellationToken);
            profile?.Touch(now);
            return Unit.Value;
        }
    }
}
