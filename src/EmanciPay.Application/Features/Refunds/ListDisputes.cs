using EmanciPay.Application.Common;
using EmanciPay.Domain.Payments;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Refunds;

/// <summary>Finance: card disputes, newest first, all or of one outcome (open, won, lost), with what each holds from escrow.</summary>
public static class ListDisputes
{
    public const int PageSize = 200;

    [AllowedFor(Sender.Finance)]
    public sealed record Query(string? Outcome = null) : IQuery<Result>;

    /// <param name="Held">What the station's escrow holds for it now (the amount and Stripe's fee, less what a won dispute gave back).</param>
    public sealed record Item(
        string Id, string Outcome, string Status, long Amount, long Held, string Currency, Guid PaymentId, string PaymentIntentId,
        string StationSlug, string StationName, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt);

    /// <param name="Counts">How many disputes there are of each outcome, whatever the filter.</param>
    public sealed record Result(IReadOnlyList<Item> Items, IReadOnlyDictionary<string, int> Counts);

    public static readonly IReadOnlyList<string> Outcomes = Enum.GetNames<DisputeOutcome>().Select(n => n.ToLowerInvariant()).ToArray();

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Outcome)
            .Must(o => o is null || Outcomes.Contains(o))
            .WithMessage($"'Outcome' must be one of {string.Join(", ", Outcomes)}, or left out for all.");
    }

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var disputes = db.Disputes.AsNoTracking();
            if (query.Outcome is { } outcome)
            {
                var wanted = Enum.Parse<DisputeOutcome>(outcome, ignoreCase: true);
                disputes = disputes.Where(d => d.Outcome == wanted);
            }

            var rows = await (
                    from dispute in disputes
                    join payment in db.Payments on dispute.PaymentId equals payment.Id
                    join station in db.Recipients on dispute.RecipientId equals station.Id
                    orderby dispute.OpenedAt descending, dispute.Id
                    select new { dispute, payment.PaymentIntentId, station.Slug, station.Name })
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            var counts = await db.Disputes.GroupBy(d => d.Outcome).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            return new Result(
                rows.Select(r => new Item(
                    r.dispute.Id, r.dispute.Outcome.ToString().ToLowerInvariant(), r.dispute.Status, r.dispute.Amount, r.dispute.Held,
                    r.dispute.Currency.Code.ToLowerInvariant(), r.dispute.PaymentId, r.PaymentIntentId, r.Slug, r.Name, r.dispute.OpenedAt, r.dispute.ClosedAt)).ToList(),
                Outcomes.ToDictionary(o => o, o => counts.SingleOrDefault(c => c.Key.ToString().Equals(o, StringComparison.OrdinalIgnoreCase))?.Count ?? 0));
        }
    }
}
