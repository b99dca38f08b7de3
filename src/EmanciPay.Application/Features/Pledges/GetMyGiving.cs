using EmanciPay.Application.Common;
using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Pledges;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>
/// All of one listener's giving in one place: every pledge, newest first, with every payment made against it. A pledge
/// whose checkout expired unpaid charged nothing: it is shown, ready to resume, for <see cref="Pledge.ResumableFor"/>,
/// and left out once the listener removes it or after that.
/// </summary>
public static class GetMyGiving
{
    [AllowedFor(Sender.Listener)]
    public sealed record Query(string ListenerId) : IQuery<IReadOnlyList<PledgeRow>>;

    /// <param name="RefundedAt">When the last refund of it went through, or null.</param>
    /// <param name="Refunded">How much of it went back to the listener (all of it after an expiry refund).</param>
    public sealed record PaymentRow(DateTimeOffset PaidAt, long Gross, long Fee, long Net, DateTimeOffset? RefundedAt, long Refunded = 0)
    {
        /// <summary>The station its net went to when its own never claimed it, as the listener chose.</summary>
        public string? MovedTo { get; init; }
    }

    public sealed record PledgeRow(
        Guid Id,
        string StationSlug,
        string StationName,
        long Amount,
        long Charged,
        string Currency,
        PledgeFrequency Frequency,
        PledgeStatus Status,
        bool Anonymous,
        string? Message,
        DateTimeOffset CreatedAt,
        DateTimeOffset? NextChargeAt,
        string? FailureReason,
        IReadOnlyList<PaymentRow> Payments)
    {
        /// <summary>Where the listener goes back to pay a pledge still waiting for payment; its checkout is open until it expires.</summary>
        public string? ResumeUrl { get; init; }

        /// <summary>A pledge left unpaid at checkout (its session open or expired): the listener can go back and pay it.</summary>
        public bool CanResumeCheckout { get; init; }

        /// <summary>When the listener paused this monthly or per-use pledge; null while it runs.</summary>
        public DateTimeOffset? PausedAt { get; init; }

        /// <summary>A per-use pledge's rate per hour listened, in minor units; <see cref="PledgeRow.Amount"/> is its monthly cap.</summary>
        public long? RatePerHour { get; init; }

        /// <summary>Whether the station has claimed its escrow, or declined: until then the listener chooses a fallback.</summary>
        public bool StationDecided { get; init; }

        /// <summary>The slug of the station the money goes to if the pledge's never claims it; null for a refund.</summary>
        public string? FallbackSlug { get; init; }
    }

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : IQueryHandler<Query, IReadOnlyList<PledgeRow>>
    {
        public async ValueTask<IReadOnlyList<PledgeRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            var resumableSince = clock.GetUtcNow() - Pledge.ResumableFor;
            var pledges = await db.Pledges.AsNoTracking()
                .Where(p => p.ListenerId == query.ListenerId && (p.Status != PledgeStatus.Expired
                    || (p.RemovedAt == null && p.PaymentsCount == 0 && p.CheckoutSessionId != null && (p.CheckoutOpenedAt ?? p.CreatedAt) >= resumableSince)))
                .Join(db.Recipients, p => p.RecipientId, r => r.Id, (p, r) => new { Pledge = p, r.Slug, r.Name, Decided = r.ClaimedAt != null || r.DeclinedAt != null })
                .ToListAsync(cancellationToken);
            var ids = pledges.Select(p => p.Pledge.Id).ToList();
            var payments = (await db.Payments.AsNoTracking().Where(p => ids.Contains(p.PledgeId)).ToListAsync(cancellationToken))
                .ToLookup(p => p.PledgeId);
            var named = pledges.Select(p => p.Pledge.FallbackRecipientId).Concat(payments.SelectMany(g => g).Select(p => p.MovedToRecipientId)).OfType<Guid>().Distinct().ToList();
            var stations = await db.Recipients.AsNoTracking().Where(r => named.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => new { r.Slug, r.Name }, cancellationToken);
            var paymentIds = payments.SelectMany(g => g).Select(p => p.Id).ToList();
            var refunds = (await db.Refunds.AsNoTracking().Where(r => paymentIds.Contains(r.PaymentId) && r.Status == RefundStatus.Succeeded).ToListAsync(cancellationToken))
                .ToLookup(r => r.PaymentId);
            return pledges
                .OrderByDescending(p => p.Pledge.CreatedAt)
                .Select(p => new PledgeRow(
                    p.Pledge.Id, p.Slug, p.Name, p.Pledge.Amount, p.Pledge.ChargeAmount, p.Pledge.Currency.Code.ToLowerInvariant(),
                    p.Pledge.Frequency, p.Pledge.Status, p.Pledge.Anonymous, p.Pledge.Message, p.Pledge.CreatedAt, p.Pledge.NextChargeAt, p.Pledge.FailureReason,
                    payments[p.Pledge.Id].OrderBy(x => x.PaidAt).Select(x => new PaymentRow(
                        x.PaidAt, x.Gross, x.Fee, x.Net,
                        x.RefundedAt ?? refunds[x.Id].Max(r => r.CompletedAt),
                        x.RefundedAt is null ? refunds[x.Id].Sum(r => r.Amount) : x.Gross)
                    {
                        MovedTo = x.MovedToRecipientId is { } to ? stations[to].Name : null,
                    }).ToList())
                {
                    ResumeUrl = p.Pledge.Status == PledgeStatus.Pending ? p.Pledge.CheckoutUrl : null,
                    CanResumeCheckout = p.Pledge.CanResumeCheckout,
                    PausedAt = p.Pledge.PausedAt,
                    RatePerHour = p.Pledge.RatePerHour,
                    StationDecided = p.Decided,
                    FallbackSlug = p.Pledge.FallbackRecipientId is { } fallback ? stations[fallback].Slug : null,
                })
                .ToList();
        }
    }
}
