using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Pledges;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Baskets;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Application.Payments;

/// <summary>
/// Records a basket's payment once, whichever comes first (the charging job or Stripe's event): one journal entry
/// for the PaymentIntent with a group of postings per line (its share of the gross into the station's escrow, its
/// share of the fee out), one payment per line so each station's money is refunded, moved or paid out on its own.
/// A decline is the charging job's to record; its event changes nothing here.
/// </summary>
public sealed partial class BasketRecorder(IAppDbContext db, LedgerBook ledger, IBackgroundJobs jobs, TimeProvider clock, ILogger<BasketRecorder> logger)
{
    public async Task RecordAsync(PaymentSnapshot payment, CancellationToken cancellationToken)
    {
        if (payment.BasketId is not { } basketId || await db.Baskets.Include(b => b.Lines).SingleOrDefaultAsync(b => b.Id == basketId, cancellationToken) is not { } basket)
        {
            LogUnknownBasket(logger, payment.PaymentIntentId);
            return;
        }

        var now = clock.GetUtcNow();
        if (payment.State == PaymentState.Failed)
        {
            basket.RecordDeclined(payment.FailureMessage ?? "The card was declined.", now);
            if (basket.Status == BasketStatus.Paused)
            {
                jobs.EnqueueAfterCommit(new Features.Baskets.SendBasketNotice.Command(basket.Id));
            }

            return;
        }

        if (payment.State != PaymentState.Succeeded || await db.Payments.AnyAsync(p => p.PaymentIntentId == payment.PaymentIntentId, cancellationToken))
        {
            return;
        }

        var currency = Currency.Parse(payment.Currency);
        if (currency != basket.Currency || payment.Amount != basket.Amount)
        {
            throw new InvalidOperationException($"Payment {payment.PaymentIntentId} does not match basket {basket.Id}'s amount and currency.");
        }

        basket.RecordPaid(payment.PaymentIntentId, payment.Fee, now);
        var stripe = await ledger.PlatformAccountAsync(PlatformAccount.StripeBalance, currency, cancellationToken);
        var fees = await ledger.PlatformAccountAsync(PlatformAccount.ProcessingFees, currency, cancellationToken);
        var escrows = await ledger.EscrowAccountsAsync(basket.Lines.Select(l => l.RecipientId).Distinct().ToList(), currency, cancellationToken);
        var transfers = new List<TransferRequest>();
        foreach (var line in basket.Lines)
        {
            var escrow = escrows[line.RecipientId];
            transfers.Add(new TransferRequest.Post(stripe.Id, escrow.Id, new Money(line.Amount, currency)));
            if (line.Fee > 0)
            {
                transfers.Add(new TransferRequest.Post(fees.Id, stripe.Id, new Money(line.Fee, currency)));
                transfers.Add(new TransferRequest.Post(escrow.Id, fees.Id, new Money(line.Fee, currency)));
            }
        }

        var posted = await ledger.PostManyAsync([new EntryRequest(EntryCause.PledgePayment(payment.PaymentIntentId), $"Basket {basket.Id} paid", transfers)], cancellationToken);
        var pledgeIds = basket.Lines.Select(l => l.PledgeId).ToList();
        var pledges = await db.Pledges.Where(p => pledgeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var paymentIds = new List<Guid>();
        foreach (var line in basket.Lines)
        {
            pledges[line.PledgeId].RecordBasketPayment(now);
            var share = Payment.Record(line.PledgeId, payment.PaymentIntentId, new Money(line.Amount, currency), line.Fee, posted[0].Entry.Id, now, basket.Id);
            db.Payments.Add(share);
            paymentIds.Add(share.Id);
        }

        jobs.EnqueueAfterCommit(new SendReceipts.Command(paymentIds));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentIntentId} names no basket of ours; left for reconciliation")]
    private static partial void LogUnknownBasket(ILogger logger, string paymentIntentId);
}
