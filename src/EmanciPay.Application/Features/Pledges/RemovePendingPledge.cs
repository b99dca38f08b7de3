using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>
/// A listener who will not pay a pledge after all removes it from My giving: its checkout is closed at Stripe first,
/// so it cannot be paid afterwards, and the pledge expires, never to be offered to resume. Nothing was charged, so nothing is undone.
/// </summary>
public static class RemovePendingPledge
{
    [AllowedFor(Sender.Listener)]
    public sealed record Command(Guid PledgeId, string ListenerId) : ICommand, ICallsOut;

    public sealed class Handler(IAppDbContext db, IPaymentGateway gateway, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var pledge = await db.Pledges.SingleOrDefaultAsync(p => p.Id == command.PledgeId && p.ListenerId == command.ListenerId, cancellationToken)
                ?? throw new NotFoundException("Pledge", command.PledgeId.ToString());
            if (!pledge.CanResumeCheckout || pledge.CheckoutSessionId is not { } sessionId)
            {
                throw Refused("Only a pledge that is still waiting for payment can be removed.");
            }

            if (!await gateway.ExpireCheckoutSessionAsync(sessionId, cancellationToken))
            {
                throw Refused("This pledge has just been paid, so it stays. Thank you!");
            }

            pledge.Remove(clock.GetUtcNow());
            return Unit.Value;
        }

        private static ValidationException Refused(string message) => new([new ValidationFailure(nameof(Command.PledgeId), message)]);
    }
}
