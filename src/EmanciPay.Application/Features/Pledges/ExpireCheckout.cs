using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>
/// One abandoned checkout is closed at Stripe, then its pledge expires. Stripe is called with no transaction open; a
/// checkout the listener paid in the meantime is left for the payment's events to record.
/// </summary>
public static class ExpireCheckout
{
    [AllowedFor(Sender.System)]
    public sealed record Command(Guid PledgeId) : ICommand, ICallsOut;

    public sealed class Handler(IAppDbContext db, IPaymentGateway gateway) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var pledge = await db.Pledges.SingleOrDefaultAsync(p => p.Id == command.PledgeId, cancellationToken);
            if (pledge?.CheckoutSessionId is { } sessionId && pledge.PaymentsCount == 0
                && await gateway.ExpireCheckoutSessionAsync(sessionId, cancellationToken))
            {
                pledge.ExpireCheckout();
            }

            return Unit.Value;
        }
    }
}
