using EmanciPay.Application.Common;
using EmanciPay.Domain.Payments;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Refunds;

/// <summary>
/// Finance looks a payment up to refund it: by Stripe's PaymentIntent id, the listener's email or the station's slug,
/// newest first, with what is left to refund of each.
/// </summary>
public static class FindPayments
{
    public const int MaxResults = 50;

    [AllowedFor(Sender.Finance)]
    public sealed record Query(string? Search) : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(Guid Id, string PaymentIntentId, DateTimeOffset PaidAt, string StationSlug, string StationName, string Email, long Gross, long Refunded, string Currency);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Search).MaximumLength(256).WithoutControlCharacters();
    }

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken)
        {
            var search = query.Search?.Trim() ?? "";
            if (search.Length == 0)
            {
                return [];
            }

            var lower = search.ToLowerInvariant();
            var rows = await db.Payments.AsNoTracking()
                .Join(db.Pledges, p => p.PledgeId, pl => pl.Id, (p, pl) => new { Payment = p, pl.Email, pl.RecipientId })
                .Join(db.Recipients, x => x.RecipientId, r => r.Id, (x, r) => new { x.Payment, x.Email, r.Slug, r.Name })
                .Where(x => x.Payment.PaymentIntentId == search || x.Email == search || x.Email == lower || x.Slug == lower)
                .OrderByDescending(x => x.Payment.PaidAt)
                .Take(MaxResults)
                .ToListAsync(cancellationToken);
            var ids = rows.Select(r => r.Payment.Id).ToList();
            var refunded = await db.Refunds.AsNoTracking().Where(r => ids.Contains(r.PaymentId) && r.Status == RefundStatus.Succeeded)
                .GroupBy(r => r.PaymentId).Select(g => new { g.Key, Sum = g.Sum(r => r.Amount) })
                .ToDictionaryAsync(g => g.Key, g => g.Sum, cancellationToken);
            return rows.Select(r => new Item(
                r.Payment.Id, r.Payment.PaymentIntentId, r.Payment.PaidAt, r.Slug, r.Name, r.Email, r.Payment.Gross,
                r.Payment.RefundedAt is null ? refunded.GetValueOrDefault(r.Payment.Id) : r.Payment.Gross, r.Payment.Currency.Code.ToLowerInvariant())).ToList();
        }
    }
}
