using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payments;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Refunds;

/// <summary>
/// Finance refunds a payment in full or in part, with a reason. The refund is claimed in one short transaction (its row
/// carries the request's Idempotency-Key, so a retry finds it and finishes it); then, with no transaction open, what the
/// station's escrow cannot cover is first taken back from its paid-out transfers as far as its Stripe account still holds
/// it, and Stripe refunds under a key made from our refund id; the outcome is booked in a second short transaction.
/// </summary>
public static class IssueRefund
{
    [AllowedFor(Sender.Finance)]
    public sealed record Command(Guid PaymentId, long? Amount, string? Reason, string IdempotencyKey) : ICommand<Result>, ICallsOut;

    /// <summary>The refund: our id, its status (succeeded, failed, pending), its amount in minor units and Stripe's refund id.</summary>
    public sealed record Result(Guid Id, Guid PaymentId, string Status, long Amount, string Currency, string Reason, string? StripeRefundId);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.PaymentId).NotEmpty();
            RuleFor(c => c.Amount).GreaterThan(0).WithMessage("'Amount' must be more than 0 (in minor units, cents); leave it out to refund everything not yet refunded.");
            RuleFor(c => c.Reason).NotEmpty().WithMessage("'Reason' is required: say why the money goes back.")
                .MaximumLength(Refund.MaxReasonLength).WithoutControlCharacters(allowLineBreaks: true);
            RuleFor(c => c.IdempotencyKey).NotEmpty().MaximumLength(200).OverridePropertyName("Idempotency-Key")
                .WithMessage("An Idempotency-Key of 1 to 200 characters is required, so that a retried request cannot refund twice.")
                .WithoutControlCharacters();
        }
    }

    public sealed class Handler(IAppDbContext db, IUnitOfWork unitOfWork, IRefundGateway gateway, RefundBooks books, PaidOutReversals paidOut, ICurrentUser user, IDatabaseErrors databaseErrors, TimeProvider clock)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var key = $"finance-refund:{command.IdempotencyKey}";
            var refund = await db.Refunds.AsNoTracking().SingleOrDefaultAsync(r => r.RequestKey == key, cancellationToken);
            if (refund is not null)
            {
                if (refund.PaymentId != command.PaymentId || refund.Reason != command.Reason!.Trim() || (command.Amount is { } amount && amount != refund.Amount))
                {
                    throw new IdempotencyKeyReusedException(command.IdempotencyKey);
                }

                if (refund.Status != RefundStatus.Pending)
                {
                    return ResultOf(refund);
                }
            }
            else
            {
                refund = await unitOfWork.InTransactionAsync(ct => ClaimAsync(command, key, ct), cancellationToken);
            }

            var refundId = refund.Id;
            var intentId = await db.Payments.AsNoTracking().Where(p => p.Id == refund.PaymentId).Select(p => p.PaymentIntentId).SingleAsync(cancellationToken);
            var reversals = await paidOut.ReverseAsync(refund.RecipientId, refund.Currency, refund.Amount, refundId.ToString(), cancellationToken);
            RefundSnapshot made;
            try
            {
                made = await gateway.CreateRefundAsync(refundId, intentId, refund.Amount, refund.StripeIdempotencyKey, cancellationToken);
            }
            catch (RefundRefusedException refused)
            {
                await unitOfWork.InTransactionAsync(
                    async ct =>
                    {
                        (await db.Refunds.SingleAsync(r => r.Id == refundId, ct)).Fail(refused.Message, clock.GetUtcNow());
                        return true;
                    },
                    cancellationToken);
                throw new ValidationException([new ValidationFailure(nameof(Command.Amount), $"Stripe refused the refund: {refused.Message}")]);
            }

            // Stripe's own events about this refund may be booking it at the same moment: the loser of that race runs
            // again from what the winner committed, and finds the refund's entries posted.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return ResultOf(await unitOfWork.InTransactionAsync(
                        async ct =>
                        {
                            var claimed = await db.Refunds.SingleAsync(r => r.Id == refundId, ct);
                            await books.RecordRefundAsync(claimed, made, reversals, ct);
                            return claimed;
                        },
                        cancellationToken));
                }
                catch (Exception raced) when (attempt < 3 && (raced is LedgerException { Code: LedgerErrorCode.InsufficientFunds } || databaseErrors.IsUniqueViolation(raced)))
                {
                    unitOfWork.Clear();
                }
            }
        }

        private async Task<Refund> ClaimAsync(Command command, string key, CancellationToken cancellationToken)
        {
            // Claims on one payment queue on its row (a no-op update locks it), so each reads what the one before it left
            // to refund: two at once must not both claim the rest, since the loser's paid-out reversal would go unbooked.
            await db.Payments.Where(p => p.Id == command.PaymentId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Gross, p => p.Gross), cancellationToken);
            if (await db.Refunds.AnyAsync(r => r.RequestKey == key, cancellationToken))
            {
                // The same request sent twice at once: the first claimed it while this one waited, and is refunding now.
                throw new IdempotencyKeyInUseException(command.IdempotencyKey);
            }

            var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.PaymentId, cancellationToken)
                ?? throw new NotFoundException("Payment", command.PaymentId.ToString());
            var recipientId = await db.Pledges.Where(p => p.Id == payment.PledgeId).Select(p => p.RecipientId).SingleAsync(cancellationToken);
            var refundable = await books.RefundableAsync(payment, cancellationToken);
            var amount = command.Amount ?? refundable;
            if (refundable == 0 || amount > refundable)
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.Amount), refundable == 0
                    ? "This payment has been refunded in full already."
                    : $"'Amount' must be at most {refundable}, what is left to refund of this payment.")]);
            }

            var refund = Refund.Request(payment.Id, recipientId, new Money(amount, payment.Currency), refundable, command.Reason!, user.UserId!, key, clock.GetUtcNow());
            db.Refunds.Add(refund);
            return refund;
        }

        private static Result ResultOf(Refund refund) => new(
            refund.Id, refund.PaymentId, refund.Status.ToString().ToLowerInvariant(), refund.Amount, refund.Currency.Code.ToLowerInvariant(), refund.Reason, refund.StripeRefundId);
    }
}
