using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>
/// Charges one due cycle of a monthly pledge to its saved card and records it like any payment (posting it to
/// escrow again). Safe to run twice: a pledge no longer due is skipped, and the charge's idempotency key is the
/// pledge and cycle number, so Stripe charges a cycle once. Stripe is called with no transaction open; the payment
/// is recorded in a short one of its own.
/// </summary>
public static class ChargeMonthlyCycle
{
    [AllowedFor(Sender.System)]
    public sealed record Command(Guid PledgeId) : ICommand, ICallsOut;

    public sealed class Handler(IAppDbContext db, IUnitOfWork unitOfWork, IPaymentGateway gateway, PaymentRecorder recorder, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var pledge = await db.Pledges.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.PledgeId, cancellationToken);
            if (pledge is null || !pledge.IsDue(clock.GetUtcNow()) || pledge.StripeCustomerId is null || pledge.PaymentMethodId is null)
            {
                return Unit.Value;
            }

            var station = await db.Recipients.AsNoTracking().SingleAsync(r => r.Id == pledge.RecipientId, cancellationToken);
            var payment = await gateway.ChargeSavedCardAsync(
                new SavedCardCharge(pledge.Id, pledge.PaymentsCount + 1, pledge.ChargeAmount, pledge.Currency.Code.ToLowerInvariant(), pledge.StripeCustomerId, pledge.PaymentMethodId, $"Monthly pledge to {station.Name} ({station.CallSign})"),
                cancellationToken);
            await unitOfWork.InTransactionAsync(
                async ct =>
                {
                    await recorder.RecordAsync(payment with { PledgeId = pledge.Id }, ct);
                    return true;
                },
                cancellationToken);
            return Unit.Value;
        }
    }
}
