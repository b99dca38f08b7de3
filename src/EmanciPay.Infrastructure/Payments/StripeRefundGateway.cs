using System.Globalization;
using System.Net;
using EmanciPay.Application.Payments;
using Stripe;

namespace EmanciPay.Infrastructure.Payments;

/// <summary>
/// Refunds, transfer reversals, disputes and platform payouts through Stripe.net on the app's one Stripe client. Money
/// moving calls carry an idempotency key made from our refund id, and that id in their metadata, by which a retry later
/// than Stripe's memory of keys finds what the first attempt made.
/// </summary>
internal sealed class StripeRefundGateway(IStripeClient stripe) : IRefundGateway
{
    public const string RefundIdKey = "refund_id";

    // Set by the unclaimed-escrow refunds (StripePaymentGateway.RefundAsync), which their own command books.
    private const string ExpiryPaymentIdKey = "payment_id";

    public async Task<RefundSnapshot> CreateRefundAsync(Guid refundId, string paymentIntentId, long amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        try
        {
            var refund = await new RefundService(stripe).CreateAsync(
                new RefundCreateOptions
                {
                    PaymentIntent = paymentIntentId,
                    Amount = amount,
                    Reason = "requested_by_customer",
                    Metadata = new Dictionary<string, string> { [RefundIdKey] = refundId.ToString() },
                },
                new RequestOptions { IdempotencyKey = idempotencyKey },
                cancellationToken);
            return Snapshot(refund);
        }
        catch (StripeException refused) when (IsRefusal(refused))
        {
            throw new RefundRefusedException(refused.StripeError?.Message ?? "no reason given", refused);
        }
    }

    public async Task<IReadOnlyList<RefundSnapshot>> ListRefundsAsync(string chargeId, CancellationToken cancellationToken)
    {
        var refunds = new List<RefundSnapshot>();
        await foreach (var refund in new RefundService(stripe).ListAutoPagingAsync(new RefundListOptions { Charge = chargeId, Limit = 100 }, cancellationToken: cancellationToken))
        {
            refunds.Add(Snapshot(refund));
        }

        return refunds;
    }

    public async Task<long> ConnectedAccountAvailableAsync(string accountId, string currency, CancellationToken cancellationToken)
    {
        var balance = await new BalanceService(stripe).GetAsync(new BalanceGetOptions(), new RequestOptions { StripeAccount = accountId }, cancellationToken);
        return balance.Available?.Where(a => a.Currency == currency).Sum(a => a.Amount) ?? 0;
    }

    public async Task<TransferReversalSnapshot?> ReverseTransferAsync(string transferId, long amount, string refundKey, CancellationToken cancellationToken)
    {
        var transfer = await new TransferService(stripe).GetAsync(transferId, cancellationToken: cancellationToken);
        if (transfer.Reversals?.Data?.FirstOrDefault(r => r.Metadata?.GetValueOrDefault(RefundIdKey) == refundKey) is { } earlier)
        {
            return new TransferReversalSnapshot(earlier.Id, earlier.Amount);
        }

        var reversible = Math.Min(amount, transfer.Amount - transfer.AmountReversed);
        if (reversible <= 0)
        {
            return null;
        }

        try
        {
            var reversal = await new TransferReversalService(stripe).CreateAsync(
                transferId,
                new TransferReversalCreateOptions { Amount = reversible, Metadata = new Dictionary<string, string> { [RefundIdKey] = refundKey } },
                new RequestOptions { IdempotencyKey = $"refund-{refundKey}-reversal-{transferId}" },
                cancellationToken);
            return new TransferReversalSnapshot(reversal.Id, reversal.Amount);
        }
        catch (StripeException refused) when (IsRefusal(refused))
        {
            // The station's account no longer holds it (paid out to its bank meanwhile): what is not reversed is recovered.
            return null;
        }
    }

    public (RefundSnapshot? Refund, string? ChargeId) ReadRefundEvent(string payload) =>
        // Verified on arrival; the API version was checked then too.
        EventUtility.ParseEvent(payload, throwOnApiVersionMismatch: false).Data.Object switch
        {
            Stripe.Refund refund => (Snapshot(refund), null),
            Charge charge => (null, charge.Id),
            _ => (null, null),
        };

    public DisputeSnapshot? ReadDisputeEvent(string payload)
    {
        if (EventUtility.ParseEvent(payload, throwOnApiVersionMismatch: false).Data.Object is not Dispute dispute)
        {
            return null;
        }

        var transactions = dispute.BalanceTransactions ?? [];
        return new DisputeSnapshot(
            dispute.Id,
            dispute.PaymentIntentId,
            dispute.Amount,
            dispute.Currency,
            dispute.Status,
            -transactions.Where(t => t.Net < 0).Sum(t => t.Net),
            transactions.Where(t => t.Net > 0).Sum(t => t.Net));
    }

    public PlatformPayoutSnapshot? ReadPayoutEvent(string payload)
    {
        var stripeEvent = EventUtility.ParseEvent(payload, throwOnApiVersionMismatch: false);
        return stripeEvent.Account is null && stripeEvent.Data.Object is Payout payout ? new PlatformPayoutSnapshot(payout.Id, payout.Amount, payout.Currency, payout.Status) : null;
    }

    private static RefundSnapshot Snapshot(Stripe.Refund refund)
    {
        var metadata = refund.Metadata ?? [];
        var ours = Guid.TryParse(metadata.GetValueOrDefault(RefundIdKey), CultureInfo.InvariantCulture, out var id) ? id : (Guid?)null;
        return new RefundSnapshot(refund.Id, refund.PaymentIntentId, refund.Amount, refund.Currency, refund.Status, ours, ours is null && metadata.ContainsKey(ExpiryPaymentIdKey));
    }

    // A 4xx other than "busy" is Stripe's answer to the request itself: trying it again will not help.
    private static bool IsRefusal(StripeException exception) =>
        exception.HttpStatusCode is var status && (int)status is >= 400 and < 500 && status is not (HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict or HttpStatusCode.RequestTimeout);
}
