using EmanciPay.Application.Common;
using EmanciPay.Domain.Ledger;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Refunds;

/// <summary>One payment as finance sees it before refunding: what was paid, what is left to refund, and its refunds.</summary>
public static class GetPaymentRefunds
{
    [AllowedFor(Sender.Finance)]
    public sealed record Query(Guid PaymentId) : IQuery<Result>;

    public sealed record RefundRow(Guid Id, DateTimeOffset RequestedAt, long Amount, string Reason, string Status, string? StripeRefundId, string? FailureMessage);

    /// <param name="Recovered">What the station's escrow could not cover of this payment's refunds, flagged for recovery.</param>
    public sealed record Result(
        Guid Id, string PaymentIntentId, DateTimeOffset PaidAt, string StationSlug, string StationName, string Email,
        long Gross, long Fee, long Refundable, string Currency, IReadOnlyList<RefundRow> Refunds, long Recovered);

    public sealed class Handler(IAppDbContext db, RefundBooks books) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.PaymentId, cancellationToken)
                ?? throw new NotFoundException("Payment", query.PaymentId.ToString());
            var pledge = await db.Pledges.AsNoTracking().SingleAsync(p => p.Id == payment.PledgeId, cancellationToken);
            var station = await db.Recipients.AsNoTracking().SingleAsync(r => r.Id == pledge.RecipientId, cancellationToken);
            var refunds = await db.Refunds.AsNoTracking().Where(r => r.PaymentId == payment.Id).OrderBy(r => r.RequestedAt).ToListAsync(cancellationToken);
            var stripeRefunds = refunds.Select(r => r.StripeRefundId).OfType<string>().ToList();
            var recovered = await db.JournalEntries.AsNoTracking()
                .Where(e => e.CauseType == EntryCauseType.Recovery && stripeRefunds.Contains(e.CauseId))
                .SelectMany(e => e.Transfers).SumAsync(t => t.Amount, cancellationToken);
            return new Result(
                payment.Id, payment.PaymentIntentId, payment.PaidAt, station.Slug, station.Name, pledge.Email, payment.Gross, payment.Fee,
                await books.RefundableAsync(payment, cancellationToken), payment.Currency.Code.ToLowerInvariant(),
                refunds.Select(r => new RefundRow(r.Id, r.RequestedAt, r.Amount, r.Reason, r.Status.ToString().ToLowerInvariant(), r.StripeRefundId, r.FailureMessage)).ToList(),
                recovered);
        }
    }
}
