using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Ledger;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Escrow;

/// <summary>
/// Gives one expired payment (or any payment to a station that declined to join) back to its listener: Stripe refunds
/// the whole charge, and the books take back what the escrow held (the net) while the platform bears the fee Stripe
/// kept. The books move first, in one short transaction, so money the escrow cannot give back (it never should) is
/// never refunded; Stripe is then called with no transaction open, and the refund is recorded in a second one. Safe to
/// run twice: Stripe's idempotency key is the payment id, the entry's cause is the payment's expiry refund (one refund
/// per payment, whatever the reason), and once that entry is posted the refund goes ahead even if the station has
/// claimed its escrow since; a payment already refunded, or not yet due, is left alone.
/// </summary>
public static class RefundPayment
{
    [AllowedFor(Sender.System)]
    public sealed record Command(Guid PaymentId) : ICommand, ICallsOut;

    private sealed record DueRefund(string PaymentIntentId, long Gross);

    public sealed class Handler(IAppDbContext db, IUnitOfWork unitOfWork, IPaymentGateway gateway, LedgerBook ledger, IBackgroundJobs jobs, IOptions<PledgeOptions> options, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var due = await unitOfWork.InTransactionAsync(ct => PostAsync(command.PaymentId, ct), cancellationToken);
            if (due is null)
            {
                return Unit.Value;
            }

            var refundId = await gateway.RefundAsync(command.PaymentId, due.PaymentIntentId, due.Gross, cancellationToken);
            await unitOfWork.InTransactionAsync(
                async ct =>
                {
                    var payment = await db.Payments.SingleAsync(p => p.Id == command.PaymentId, ct);
                    if (payment.RefundedAt is null)
                    {
                        payment.MarkRefunded(refundId, clock.GetUtcNow());
                        jobs.EnqueueAfterCommit(new SendRefundNotice.Command(payment.Id));
                    }

                    return true;
                },
                cancellationToken);
            return Unit.Value;
        }

        /// <summary>Takes the payment back out of escrow, unless it is refunded, not due, or taken back already (then the refund is still owed).</summary>
        private async Task<DueRefund?> PostAsync(Guid paymentId, CancellationToken cancellationToken)
        {
            var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
            if (payment is null || payment.RefundedAt is not null || payment.Disposal == ExpiryDisposal.Move)
            {
                return null;
            }

            var cause = EntryCause.ExpiryRefund(payment.Id);
            var due = new DueRefund(payment.PaymentIntentId, payment.Gross);
            if (await db.JournalEntries.AnyAsync(e => e.IdempotencyKey == cause.IdempotencyKey, cancellationToken))
            {
                return due;
            }

            var pledge = await db.Pledges.AsNoTracking().SingleAsync(p => p.Id == payment.PledgeId, cancellationToken);
            var station = await db.Recipients.AsNoTracking().SingleAsync(r => r.Id == pledge.RecipientId, cancellationToken);
            if (station.IsClaimed || (!station.IsDeclined && payment.PaidAt > clock.GetUtcNow().AddDays(-options.Value.UnclaimedHoldDays)))
            {
                return null;
            }

            // Claimed for the refund in this transaction, so a move to the listener's chosen station cannot also happen.
            if (await db.Payments.Where(p => p.Id == payment.Id && p.Disposal == ExpiryDisposal.None)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.Disposal, ExpiryDisposal.Refund), cancellationToken) == 0)
            {
                return null;
            }

            var currency = payment.Currency;
            var stripe = await ledger.PlatformAccountAsync(PlatformAccount.StripeBalance, currency, cancellationToken);
            var fees = await ledger.PlatformAccountAsync(PlatformAccount.ProcessingFees, currency, cancellationToken);
            var escrow = await ledger.EscrowAccountAsync(station.Id, currency, cancellationToken);
            List<TransferRequest> transfers = [new TransferRequest.Post(escrow.Id, stripe.Id, new Money(payment.Net, currency))];
            if (payment.Fee > 0)
            {
                transfers.Add(new TransferRequest.Post(fees.Id, stripe.Id, new Money(payment.Fee, currency)));
            }

            await ledger.PostAsync(cause, station.IsDeclined ? $"{station.CallSign} declined to join: payment refunded" : $"Unclaimed escrow for {station.CallSign} expired: payment refunded", transfers, cancellationToken);
            return due;
        }
    }
}
