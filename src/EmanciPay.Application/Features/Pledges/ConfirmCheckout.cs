using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Pledges;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>
/// The listener is back from checkout on the thank-you page. Stripe is asked how the payment stands and the books
/// are brought up to date at once, so the receipt is right without waiting for the webhook (which then finds it done).
/// Stripe is asked with no transaction open; what it says is recorded in a short one of its own.
/// </summary>
public static class ConfirmCheckout
{
    [AllowedFor(Sender.PledgeOwner)]
    public sealed record Command(Guid PledgeId, string? CheckoutSessionId) : ICommand<Receipt>, IGuestPledgeMessage, ICallsOut;

    public sealed record Receipt(
        Guid PledgeId,
        string StationSlug,
        string StationName,
        string Email,
        long Amount,
        long Charged,
        long EstimatedFee,
        string Currency,
        PledgeFrequency Frequency,
        PledgeStatus Status,
        string? FailureReason,
        DateTimeOffset CreatedAt,
        DateTimeOffset? PaidAt,
        long? FeeCharged,
        long? NetToStation);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.CheckoutSessionId).MaximumLength(200).WithoutControlCharacters();
    }

    public sealed class Handler(IAppDbContext db, IUnitOfWork unitOfWork, IPaymentGateway gateway, PaymentRecorder recorder) : ICommandHandler<Command, Receipt>
    {
        public async ValueTask<Receipt> Handle(Command command, CancellationToken cancellationToken)
        {
            var pledge = await PledgeAsync(command.PledgeId, cancellationToken);

            // Only the pledge's own session counts: a session id from the address bar is a hint, never trusted on its own.
            if (pledge.Status is PledgeStatus.Pending or PledgeStatus.Failed && pledge.CheckoutSessionId is { } sessionId && sessionId == command.CheckoutSessionId
                && await gateway.GetCheckoutPaymentIntentIdAsync(sessionId, cancellationToken) is { } intentId)
            {
                var paid = await gateway.GetPaymentAsync(intentId, cancellationToken);
                await unitOfWork.InTransactionAsync(
                    async ct =>
                    {
                        await recorder.RecordAsync(paid, ct);
                        return true;
                    },
                    cancellationToken);
                pledge = await PledgeAsync(command.PledgeId, cancellationToken);
            }

            var station = await db.Recipients.AsNoTracking().SingleAsync(r => r.Id == pledge.RecipientId, cancellationToken);
            var payment = await db.Payments.AsNoTracking().Where(p => p.PledgeId == pledge.Id).OrderBy(p => p.PaidAt).FirstOrDefaultAsync(cancellationToken);
            return new Receipt(
                pledge.Id, station.Slug, station.Name, pledge.Email, pledge.Amount, pledge.ChargeAmount, pledge.EstimatedFee,
                pledge.Currency.Code.ToLowerInvariant(), pledge.Frequency, pledge.Status, pledge.FailureReason, pledge.CreatedAt, pledge.PaidAt,
                payment?.Fee, payment?.Net);
        }

        private async Task<Pledge> PledgeAsync(Guid id, CancellationToken cancellationToken) =>
            await db.Pledges.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException("Pledge", id.ToString());
    }
}
