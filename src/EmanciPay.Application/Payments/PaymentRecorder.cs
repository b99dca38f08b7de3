using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Pledges;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Application.Payments;

/// <summary>
/// Brings our books in line with a payment as Stripe reports it. A success posts once per PaymentIntent: the gross
/// into the station's escrow, Stripe's fee as its own postings, passed on to the station. A decline posts nothing.
/// Webhooks and the thank-you page both call this; whichever comes first records, the rest find it done.
/// </summary>
public sealed partial class PaymentRecorder(IAppDbContext db, LedgerBook ledger, IBackgroundJobs jobs, TimeProvider clock, ILogger<PaymentRecorder> logger)
{
    public async Task RecordAsync(PaymentSnapshot payment, CancellationToken cancellationToken)
    {
        var pledge = payment.PledgeId is { } pledgeId ? await db.Pledges.SingleOrDefaultAsync(p => p.Id == pledgeId, cancellationToken) : null;
        if (pledge is null)
        {
            LogUnknownPledge(logger, payment.PaymentIntentId);
            return;
        }

        switch (payment.State)
        {
            case PaymentState.Failed:
                pledge.RecordPaymentFailed(payment.FailureMessage ?? "The payment was declined.");
                return;
            case PaymentState.Pending:
                return;
        }

        // Recorded before (by another event, or the thank-you page): the pledge was updated in that same transaction.
        if (await db.Payments.AnyAsync(p => p.PaymentIntentId == payment.PaymentIntentId, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        pledge.RecordPaymentSucceeded(now, payment.CustomerId, payment.PaymentMethodId);

        var currency = Currency.Parse(payment.Currency);
        var gross = new Money(payment.Amount, currency);
        var stripe = await ledger.PlatformAccountAsync(PlatformAccount.StripeBalance, currency, cancellationToken);
        var fees = await ledger.PlatformAccountAsync(PlatformAccount.ProcessingFees, currency, cancellationToken);
        var escrow = await ledger.EscrowAccountAsync(pledge.RecipientId, currency, cancellationToken);
        List<TransferRequest> transfers = [new TransferRequest.Post(stripe.Id, escrow.Id, gross)];
        if (payment.Fee > 0)
        {
            var fee = new Money(payment.Fee, currency);
            transfers.Add(new TransferRequest.Post(fees.Id, stripe.Id, fee));
            transfers.Add(new TransferRequest.Post(escrow.Id, fees.Id, fee));
        }

        var posted = await ledger.PostAsync($"payment:{payment.PaymentIntentId}", $"Pledge {pledge.Id} paid", transfers, cancellationToken);
        var recorded = Payment.Record(pledge.Id, payment.PaymentIntentId, gross, payment.Fee, posted.Entry.Id, now);
        db.Payments.Add(recorded);
        jobs.EnqueueAfterCommit(new SendReceipt.Command(recorded.Id));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentIntentId} names no pledge of ours; left for reconciliation")]
    private static partial void LogUnknownPledge(ILogger logger, string paymentIntentId);
}
