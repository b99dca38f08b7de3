using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Refunds;
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
/// what is left of the charge (all of it, unless finance refunded part of it before), and the books take back what the
/// escrow still holds of it (the net less those refunds) while the platform bears the fee Stripe kept. A payment finance
/// refunded in full is only marked refunded. The books move first, in one short transaction, so money the escrow cannot give back (it never should) is
/// never refunded; Stripe is then called with no transaction open, and the refund is recorded in a second one. Safe to
/// run twice: Stripe's idempotency key is the payment id, the entry's cause is the payment's expiry refund (one refund
/// per payment, whatever the reason), and once that entry is posted the refund goes ahead even if the station has
/// claimed its escrow since; a payment already refunded, or not yet due, is left alone.
/// </summary>
public static class RefundPayment
{
    [AllowedFor(Sender.System)]
    public sealed record Command(Guid PaymentId) : ICommand, ICallsOut;

    private sealed record DueRefund(string PaymentIntentId, long Amount);

    public sealed class Handler(IAppDbContext db, IUnitOfWork unitOfWork, IPaymentGateway gateway, LedgerBook ledger, RefundBooks books, IBackgroundJobs jobs, IOptions<PledgeOptions> options, TimeProvider clock)
        : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var due = await unitOfWork.InTransactionAsync(ct => PostAsync(command.PaymentId, ct), cancellationToken);
            if (due is null)
            {
                return Unit.Value;
            }

            var refundId = await gateway.RefundAsync(command.PaymentId, due.PaymentIntentId, due.Amount, cancellationToken);
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
            if (await db.JournalEntries.AnyAsync(e => e.IdempotencyKey == cause.IdempotencyKey, cancellationToken))
            {
                // Posted by an earlier run: the rest it took from the books is what Stripe still owes the listener.
                var posted = await db.LedgerTransfers.Where(t => db.JournalEntries.Any(e => e.Id == t.EntryId && e.IdempotencyKey == cause.IdempotencyKey))
                    .SumAsync(t => t.Amount, cancellationToken);
                return new DueRefund(payment.PaymentIntentId, posted);
            }

            var pledge = await db.Pledges.AsNoTracking().SingleAsync(p => p.Id == payment.PledgeId, cancellationToken);
            var station = await db.Recipients.AsNoTracking().SingleAsync(r => r.Id == pledge.RecipientId, cancellationToken);
            if (station.IsClaimed || (!station.IsDeclined && payment.PaidAt > clock.GetUtcNow().AddDays(-options.Value.UnclaimedHoldDays)))
            {
                return null;
            }

            // Read before the claim below, after which the payment counts as refunded in full. A finance refund still
            // pending counts as made; if nothing is left because of one, tomorrow's sweep looks again once it has settled.
            var rest = await books.RefundableAsync(payment, cancellationToken);
            if (rest == 0 && await db.Refunds.AnyAsync(r => r.PaymentId == payment.Id && r.Status == RefundStatus.Pending, cancellationToken))
            {
                return null;
            }

            // Claimed for the refund in this transaction, so a move to the listener's chosen station cannot also happen.
            if (await db.Payments.Where(p => p.Id == payment.Id && p.Disposal == ExpiryDisposal.None)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.Disposal, ExpiryDisposal.Refund), cancellationToken) == 0)
            {
                return null;
            }

            if (rest == 0)
            {
                await MarkRefundedByFinanceAsync(payment.Id, cancellationToken);
                return null;
            }

            // Finance's refunds took from the escrow first; the platform bears the fee, and whatever of the rest the escrow no longer holds.
            var currency = payment.Currency;
            var fromEscrow = Math.Clamp(payment.Net - (payment.Gross - rest), 0, rest);
            var stripe = await ledger.PlatformAccountAsync(PlatformAccount.StripeBalance, currency, cancellationToken);
            var fees = await ledger.PlatformAccountAsync(PlatformAccount.ProcessingFees, currency, cancellationToken);
            var escrow = await ledger.EscrowAccountAsync(station.Id, currency, cancellationToken);
            List<TransferRequest> transfers = [];
            if (fromEscrow > 0)
            {
                transfers.Add(new TransferRequest.Post(escrow.Id, stripe.Id, new Money(fromEscrow, currency)));
            }

            if (rest > fromEscrow)
            {
                transfers.Add(new TransferRequest.Post(fees.Id, stripe.Id, new Money(rest - fromEscrow, currency)));
            }

            await ledger.PostAsync(cause, station.IsDeclined ? $"{station.CallSign} declined to join: payment refunded" : $"Unclaimed escrow for {station.CallSign} expired: payment refunded", transfers, cancellationToken);
            return new DueRefund(payment.PaymentIntentId, rest);
        }

        /// <summary>
        /// Finance gave the whole payment back before its deadline: it is marked refunded (by the last of those refunds)
        /// so that the sweep leaves it alone, with no expiry notice, since nothing went back at expiry.
        /// </summary>
        private async Task MarkRefundedByFinanceAsync(Guid paymentId, CancellationToken cancellationToken)
        {
            var last = await db.Refunds.AsNoTracking().Where(r => r.PaymentId == paymentId && r.Status == RefundStatus.Succeeded)
                .OrderByDescending(r => r.CompletedAt).FirstAsync(cancellationToken);
            var payment = await db.Payments.SingleAsync(p => p.Id == paymentId, cancellationToken);
            payment.MarkRefunded(last.StripeRefundId!, last.CompletedAt ?? clock.GetUtcNow());
            payment.MarkRefundNoticeSent(clock.GetUtcNow());
        }
    }
}
