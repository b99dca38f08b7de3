using EmanciPay.Application.Common;
using EmanciPay.Application.Ledger;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Escrow;

/// <summary>
/// Gives one expired payment (or any payment to a station that declined to join) back to its listener: Stripe refunds the whole charge, and the books take back what the
/// escrow held (the net) while the platform bears the fee Stripe kept. Safe to run twice: Stripe's idempotency key is
/// the payment id, the entry's cause is the payment's expiry refund (one refund per payment, whatever the reason), and a
/// payment already refunded, or whose station has since claimed its escrow, is left alone.
/// </summary>
public static class RefundPayment
{
    [AllowedFor(Sender.System)]
    public sealed record Command(Guid PaymentId) : ICommand;

    public sealed class Handler(IAppDbContext db, IPaymentGateway gateway, LedgerBook ledger, IBackgroundJobs jobs, IOptions<PledgeOptions> options, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == command.PaymentId, cancellationToken);
            if (payment is null || payment.RefundedAt is not null)
            {
                return Unit.Value;
            }

            var pledge = await db.Pledges.AsNoTracking().SingleAsync(p => p.Id == payment.PledgeId, cancellationToken);
            var station = await db.Recipients.AsNoTracking().SingleAsync(r => r.Id == pledge.RecipientId, cancellationToken);
            if (station.IsClaimed || (!station.IsDeclined && payment.PaidAt > now.AddDays(-options.Value.UnclaimedHoldDays)))
            {
                return Unit.Value;
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

            // Post first: if the escrow cannot give the money back (it never should), nothing is refunded at Stripe.
            await ledger.PostAsync(EntryCause.ExpiryRefund(payment.Id), station.IsDeclined ? $"{station.CallSign} declined to join: payment refunded" : $"Unclaimed escrow for {station.CallSign} expired: payment refunded", transfers, cancellationToken);
            var refundId = await gateway.RefundAsync(payment.Id, payment.PaymentIntentId, payment.Gross, cancellationToken);
            payment.MarkRefunded(refundId, now);
            jobs.EnqueueAfterCommit(new SendRefundNotice.Command(payment.Id));
            return Unit.Value;
        }
    }
}
