using System.Collections.Frozen;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Application.Features.Refunds;

/// <summary>
/// Card disputes. What Stripe withdrew from the platform's balance (the disputed amount and its fee) is held from the
/// station's escrow, the part the escrow cannot cover flagged for recovery; what Stripe gives back when the dispute is
/// won goes back to the escrow. Each is booked once, from the dispute's balance transactions as the event carries them,
/// so any of its events, in any order, brings the books to the same place. Its state (open, won, lost) is kept in
/// <see cref="Dispute"/> for the finance page.
/// </summary>
public sealed partial class DisputeEvents(IAppDbContext db, IRefundGateway gateway, RefundBooks books, TimeProvider clock, ILogger<DisputeEvents> logger) : IStripeEventsHandler
{
    public static readonly FrozenSet<string> Types = FrozenSet.Create(
        StringComparer.Ordinal,
        "charge.dispute.created",
        "charge.dispute.updated",
        "charge.dispute.closed",
        "charge.dispute.funds_withdrawn",
        "charge.dispute.funds_reinstated");

    public IReadOnlyCollection<string> EventTypes => Types;

    public Task<StripeEventReading> ReadAsync(IReadOnlyList<StripeEvent> events, CancellationToken cancellationToken) =>
        Task.FromResult<StripeEventReading>(new Reading(events.ToDictionary(e => e.Id, e => gateway.ReadDisputeEvent(e.Payload), StringComparer.Ordinal)));

    public async Task ApplyAsync(IReadOnlyList<StripeEvent> events, StripeEventReading reading, CancellationToken cancellationToken)
    {
        var read = (Reading)reading;
        // One dispute's events in one batch book it once, from the snapshot that knows the most.
        var disputes = events.Select(e => read.Disputes.GetValueOrDefault(e.Id)).OfType<DisputeSnapshot>()
            .GroupBy(d => d.Id, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(d => d.Withdrawn).ThenByDescending(d => d.Reinstated).First());
        foreach (var dispute in disputes)
        {
            // A basket's PaymentIntent pays several stations: a dispute of it is not one station's to hold.
            var shares = dispute.PaymentIntentId is null ? [] : await db.Payments.AsNoTracking().Where(p => p.PaymentIntentId == dispute.PaymentIntentId).Take(2).ToListAsync(cancellationToken);
            if (shares.Count > 1)
            {
                LogBasketPayment(logger, dispute.Id);
                continue;
            }

            var payment = shares.SingleOrDefault();
            if (payment is null)
            {
                if (events.Any(e => e.ReceivedAt > clock.GetUtcNow() - PaymentNotYetRecordedException.Patience))
                {
                    throw new PaymentNotYetRecordedException(dispute.Id);
                }

                LogUnknownPayment(logger, dispute.Id);
                continue;
            }

            var recipientId = await db.Pledges.Where(p => p.Id == payment.PledgeId).Select(p => p.RecipientId).SingleAsync(cancellationToken);
            await books.TakeFromEscrowAsync(new EntryCause(EntryCauseType.Dispute, dispute.Id, "held"), recipientId, payment.Currency, dispute.Withdrawn,
                $"Dispute {dispute.Id} of payment {payment.Id}: amount and fee held", cancellationToken);
            await books.GiveBackAsync(new EntryCause(EntryCauseType.Dispute, dispute.Id, "won"), recipientId, payment.Currency, dispute.Reinstated,
                $"Dispute {dispute.Id} of payment {payment.Id} won: amount and fee released", cancellationToken);
            var now = clock.GetUtcNow();
            var recorded = await db.Disputes.SingleOrDefaultAsync(d => d.Id == dispute.Id, cancellationToken);
            if (recorded is null)
            {
                recorded = Dispute.Open(dispute.Id, payment.Id, recipientId, new Money(dispute.Amount, payment.Currency), now);
                db.Disputes.Add(recorded);
            }

            recorded.Report(dispute.Status, dispute.Withdrawn, dispute.Reinstated, now);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispute {DisputeId} is of a basket's payment, which pays several stations; left for finance and reconciliation")]
    private static partial void LogBasketPayment(ILogger logger, string disputeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispute {DisputeId} is of no payment of ours; left for reconciliation")]
    private static partial void LogUnknownPayment(ILogger logger, string disputeId);

    private sealed record Reading(IReadOnlyDictionary<string, DisputeSnapshot?> Disputes) : StripeEventReading;
}
