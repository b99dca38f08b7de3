using System.Collections.Frozen;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Application.Features.Refunds;

/// <summary>
/// Stripe's refund events. A refund finance asked for (our id in its metadata) is booked as the command books it, whichever
/// comes first; one made in Stripe's dashboard becomes a refund of ours with the same books: before the transaction, what
/// the escrow lacks because it was paid out is taken back from the station's transfers as finance's refunds do
/// (<see cref="PaidOutReversals"/>, keyed by Stripe's refund id), then the escrow gives what it has and the rest is flagged
/// for recovery. <c>charge.refunded</c> does not carry its refunds, so they are listed from Stripe before the transaction
/// too. Expiry refunds are their own command's to book.
/// </summary>
public sealed partial class RefundEvents(IAppDbContext db, IRefundGateway gateway, RefundBooks books, PaidOutReversals paidOut, TimeProvider clock, ILogger<RefundEvents> logger) : IStripeEventsHandler
{
    public static readonly FrozenSet<string> Types = FrozenSet.Create(StringComparer.Ordinal, "charge.refunded", "refund.created", "refund.updated");

    public IReadOnlyCollection<string> EventTypes => Types;

    public async Task<StripeEventReading> ReadAsync(IReadOnlyList<StripeEvent> events, CancellationToken cancellationToken)
    {
        var refunds = new Dictionary<string, RefundSnapshot>(StringComparer.Ordinal);
        var byEvent = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var stripeEvent in events)
        {
            var (refund, chargeId) = gateway.ReadRefundEvent(stripeEvent.Payload);
            IReadOnlyList<RefundSnapshot> found = refund is not null ? [refund] : chargeId is not null ? await gateway.ListRefundsAsync(chargeId, cancellationToken) : [];
            foreach (var each in found)
            {
                refunds[each.Id] = each;
            }

            byEvent[stripeEvent.Id] = found.Select(r => r.Id).ToList();
        }

        var reversals = new Dictionary<string, IReadOnlyList<TransferReversalSnapshot>>(StringComparer.Ordinal);
        foreach (var made in refunds.Values.Where(MadeInDashboard))
        {
            if (await db.Refunds.AnyAsync(r => r.StripeRefundId == made.Id && r.Status == RefundStatus.Succeeded, cancellationToken)
                || await db.Payments.AsNoTracking().Where(p => p.PaymentIntentId == made.PaymentIntentId)
                    .Join(db.Pledges, p => p.PledgeId, p => p.Id, (payment, pledge) => new { payment.Currency, pledge.RecipientId })
                    .SingleOrDefaultAsync(cancellationToken) is not { } paid)
            {
                continue;
            }

            reversals[made.Id] = await paidOut.ReverseAsync(paid.RecipientId, paid.Currency, made.Amount, made.Id, cancellationToken);
        }

        return new Reading(byEvent, refunds, reversals);
    }

    public async Task ApplyAsync(IReadOnlyList<StripeEvent> events, StripeEventReading reading, CancellationToken cancellationToken)
    {
        var read = (Reading)reading;
        var refunds = events.SelectMany(e => read.ByEvent.GetValueOrDefault(e.Id) ?? []).Distinct(StringComparer.Ordinal)
            .Select(id => read.Refunds[id])
            .Where(r => r.Status == "succeeded" && !r.IsExpiryRefund && r.PaymentIntentId is not null)
            .ToList();
        foreach (var made in refunds)
        {
            var known = await db.Refunds.SingleOrDefaultAsync(r => r.StripeRefundId == made.Id || (made.RefundId != null && r.Id == made.RefundId), cancellationToken);
            if (known is { Status: RefundStatus.Succeeded })
            {
                continue;
            }

            if (known is null)
            {
                // A basket's PaymentIntent pays several stations: a refund made at Stripe does not say whose share it is.
                var shares = await db.Payments.AsNoTracking().Where(p => p.PaymentIntentId == made.PaymentIntentId).Take(2).ToListAsync(cancellationToken);
                if (shares.Count > 1)
                {
                    LogBasketPayment(logger, made.Id);
                    continue;
                }

                var payment = shares.SingleOrDefault();
                if (payment is null)
                {
                    if (events.Any(e => e.ReceivedAt > clock.GetUtcNow() - PaymentNotYetRecordedException.Patience))
                    {
                        throw new PaymentNotYetRecordedException(made.Id);
                    }

                    LogUnknownPayment(logger, made.Id);
                    continue;
                }

                var recipientId = await db.Pledges.Where(p => p.Id == payment.PledgeId).Select(p => p.RecipientId).SingleAsync(cancellationToken);
                known = Refund.MadeAtStripe(payment.Id, recipientId, new Money(made.Amount, payment.Currency), made.Id, clock.GetUtcNow());
                db.Refunds.Add(known);
            }

            await books.RecordRefundAsync(known, made, read.Reversals.GetValueOrDefault(made.Id) ?? [], cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund {RefundId} was made at Stripe on a basket's payment, which pays several stations; left for finance and reconciliation")]
    private static partial void LogBasketPayment(ILogger logger, string refundId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund {RefundId} is of no payment of ours; left for reconciliation")]
    private static partial void LogUnknownPayment(ILogger logger, string refundId);

    private static bool MadeInDashboard(RefundSnapshot made) => made is { Status: "succeeded", IsExpiryRefund: false, RefundId: null, PaymentIntentId: not null };

    private sealed record Reading(
        IReadOnlyDictionary<string, List<string>> ByEvent,
        IReadOnlyDictionary<string, RefundSnapshot> Refunds,
        IReadOnlyDictionary<string, IReadOnlyList<TransferReversalSnapshot>> Reversals) : StripeEventReading;
}
