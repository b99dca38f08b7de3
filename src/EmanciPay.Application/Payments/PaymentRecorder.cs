using EmanciPay.Domain.Baskets;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Pledges;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Pledges;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Application.Payments;

/// <summary>
/// Brings our books in line with payments as Stripe reports them. A success posts once per PaymentIntent: the gross
/// into the station's escrow, Stripe's fee as its own postings, passed on to the station. A decline posts nothing.
/// Webhooks, the thank-you page and monthly charging all call this; whichever comes first records, the rest find it
/// done. Many payments are recorded with a few statements, so a burst of webhooks costs little more than one.
/// </summary>
public sealed partial class PaymentRecorder(IAppDbContext db, BasketRecorder baskets, LedgerBook ledger, IBackgroundJobs jobs, TimeProvider clock, ILogger<PaymentRecorder> logger)
{
    public Task RecordAsync(PaymentSnapshot payment, CancellationToken cancellationToken) => RecordAsync([payment], cancellationToken);

    public async Task RecordAsync(IReadOnlyCollection<PaymentSnapshot> payments, CancellationToken cancellationToken)
    {
        foreach (var basketPayment in payments.Where(p => p.BasketId is not null))
        {
            await baskets.RecordAsync(basketPayment, cancellationToken);
        }

        payments = payments.Where(p => p.BasketId is null).ToList();
        var pledgeIds = payments.Select(p => p.PledgeId).OfType<Guid>().Distinct().ToList();
        var pledges = await db.Pledges.Where(p => pledgeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var intentIds = payments.Where(p => p.State == PaymentState.Succeeded).Select(p => p.PaymentIntentId).ToList();

        // Recorded before (by another event, or the thank-you page): the pledge was updated in that same transaction.
        var recorded = (await db.Payments.Where(p => intentIds.Contains(p.PaymentIntentId)).Select(p => p.PaymentIntentId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

        var now = clock.GetUtcNow();
        var paid = new List<(PaymentSnapshot Payment, Pledge Pledge)>();
        foreach (var payment in payments)
        {
            if (payment.PledgeId is not { } pledgeId || !pledges.TryGetValue(pledgeId, out var pledge))
            {
                LogUnknownPledge(logger, payment.PaymentIntentId);
                continue;
            }

            if (payment.State == PaymentState.Failed)
            {
                pledge.RecordPaymentFailed(payment.FailureMessage ?? "The payment was declined.");
            }
            else if (payment.State == PaymentState.Succeeded && recorded.Add(payment.PaymentIntentId))
            {
                pledge.RecordPaymentSucceeded(now, payment.CustomerId, payment.PaymentMethodId);
                await SaveCardAsync(pledge, payment, now, cancellationToken);
                paid.Add((payment, pledge));
            }
        }

        if (paid.Count == 0)
        {
            return;
        }

        var entries = new List<EntryRequest>(paid.Count);
        var entryPayments = new List<(PaymentSnapshot Payment, Pledge Pledge)>(paid.Count);
        foreach (var inCurrency in paid.GroupBy(p => Currency.Parse(p.Payment.Currency)))
        {
            var currency = inCurrency.Key;
            var stripe = await ledger.PlatformAccountAsync(PlatformAccount.StripeBalance, currency, cancellationToken);
            var fees = await ledger.PlatformAccountAsync(PlatformAccount.ProcessingFees, currency, cancellationToken);
            var escrows = await ledger.EscrowAccountsAsync(inCurrency.Select(p => p.Pledge.RecipientId).ToList(), currency, cancellationToken);
            foreach (var (payment, pledge) in inCurrency)
            {
                var escrow = escrows[pledge.RecipientId];
                List<TransferRequest> transfers = [new TransferRequest.Post(stripe.Id, escrow.Id, new Money(payment.Amount, currency))];
                if (payment.Fee > 0)
                {
                    var fee = new Money(payment.Fee, currency);
                    transfers.Add(new TransferRequest.Post(fees.Id, stripe.Id, fee));
                    transfers.Add(new TransferRequest.Post(escrow.Id, fees.Id, fee));
                }

                entries.Add(new EntryRequest(EntryCause.PledgePayment(payment.PaymentIntentId), $"Pledge {pledge.Id} paid", transfers));
                entryPayments.Add((payment, pledge));
            }
        }

        var posted = await ledger.PostManyAsync(entries, cancellationToken);
        var paymentIds = new List<Guid>(paid.Count);
        foreach (var ((payment, pledge), entry) in entryPayments.Zip(posted))
        {
            var recordedPayment = Payment.Record(pledge.Id, payment.PaymentIntentId, new Money(payment.Amount, Currency.Parse(payment.Currency)), payment.Fee, entry.Entry.Id, now);
            db.Payments.Add(recordedPayment);
            paymentIds.Add(recordedPayment.Id);
        }

        jobs.EnqueueAfterCommit(new SendReceipts.Command(paymentIds));
    }

    /// <summary>A card saved at a listener's checkout becomes the one their baskets are charged to.</summary>
    private async Task SaveCardAsync(Pledge pledge, PaymentSnapshot payment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (pledge is not { ListenerId: { } listenerId, Frequency: PledgeFrequency.Monthly } || payment is not { CustomerId: { } customer, PaymentMethodId: { } method })
        {
            return;
        }

        var card = db.ListenerCards.Local.FirstOrDefault(c => c.ListenerId == listenerId) ?? await db.ListenerCards.FindAsync([listenerId], cancellationToken);
        if (card is null)
        {
            db.ListenerCards.Add(ListenerCard.Save(listenerId, customer, method, now));
        }
        else
        {
            card.Replace(customer, method, now);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentIntentId} names no pledge of ours; left for reconciliation")]
    private static partial void LogUnknownPledge(ILogger logger, string paymentIntentId);
}
