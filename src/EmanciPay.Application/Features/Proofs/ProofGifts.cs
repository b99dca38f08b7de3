using EmanciPay.Application.Common;
using EmanciPay.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Proofs;

/// <summary>
/// What a listener may prove: the stations and calendar years (UTC) of their posted payments that still count as given,
/// that is not refunded in full (at expiry or by finance) and not moved to another station at the deadline.
/// </summary>
public static class ProofGifts
{
    public sealed record Given(Guid RecipientId, string Slug, string Name, int Year);

    public static async Task<IReadOnlyList<Given>> OfAsync(IAppDbContext db, string listenerId, CancellationToken cancellationToken)
    {
        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.RefundedAt == null && p.MovedToRecipientId == null)
            .Join(db.Pledges.Where(pl => pl.ListenerId == listenerId), p => p.PledgeId, pl => pl.Id, (p, pl) => new { p.Id, p.Gross, p.PaidAt, pl.RecipientId })
            .Join(db.Recipients, p => p.RecipientId, r => r.Id, (p, r) => new
            {
                p.RecipientId,
                r.Slug,
                r.Name,
                p.PaidAt,
                p.Gross,
                Refunded = db.Refunds.Where(f => f.PaymentId == p.Id && f.Status == RefundStatus.Succeeded).Sum(f => (long?)f.Amount) ?? 0,
            })
            .ToListAsync(cancellationToken);
        return payments
            .Where(p => p.Refunded < p.Gross)
            .Select(p => new Given(p.RecipientId, p.Slug, p.Name, p.PaidAt.UtcDateTime.Year))
            .Distinct()
            .OrderByDescending(g => g.Year).ThenBy(g => g.Name, StringComparer.Ordinal)
            .ToList();
    }
}
