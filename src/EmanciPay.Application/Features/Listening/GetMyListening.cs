using EmanciPay.Application.Common;
using EmanciPay.Domain.Listening;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Listening;

/// <summary>One month of the listener's own listening log, oldest first, with the hours per station.</summary>
public static class GetMyListening
{
    [AllowedFor(Sender.Listener)]
    /// <param name="Month">"2026-11"; this month when null.</param>
    public sealed record Query(string ListenerId, string? Month) : IQuery<Result>;

    public sealed record Session(Guid Id, string Station, string StationName, DateTimeOffset StartedAt, int Minutes, bool Open);

    public sealed record StationTotal(string Station, string StationName, int Minutes);

    /// <param name="Month">"2026-11".</param>
    /// <param name="ClosesAt">Until when the month's log can change.</param>
    public sealed record Result(string Month, DateTimeOffset ClosesAt, IReadOnlyList<Session> Sessions, IReadOnlyList<StationTotal> Totals);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Month).Must(m => ParseMonth(m) is not null).When(q => q.Month is not null).WithMessage("'Month' must be a month like 2026-11.");
    }

    /// <summary>The first instant (UTC) of a month written "2026-11", or null when it is not one.</summary>
    public static DateTimeOffset? ParseMonth(string? month) =>
        DateTimeOffset.TryParseExact(month, "yyyy-MM", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var first) && first.Year >= 2000
            ? new DateTimeOffset(first.Year, first.Month, 1, 0, 0, 0, TimeSpan.Zero)
            : null;

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var from = ParseMonth(query.Month) ?? ListeningSession.MonthOf(now);
            var to = from.AddMonths(1);
            var closesAt = ListeningSession.ClosesAt(from);
            var sessions = await db.ListeningSessions.AsNoTracking()
                .Where(s => s.ListenerId == query.ListenerId && s.StartedAt >= from && s.StartedAt < to)
                .Join(db.Recipients, s => s.RecipientId, r => r.Id, (s, r) => new { s.Id, r.Slug, r.Name, s.StartedAt, s.Minutes })
                .ToListAsync(cancellationToken);
            var rows = sessions.OrderBy(s => s.StartedAt).ThenBy(s => s.Id).Select(s => new Session(s.Id, s.Slug, s.Name, s.StartedAt, s.Minutes, now < closesAt)).ToList();
            var totals = rows.GroupBy(s => (s.Station, s.StationName)).Select(g => new StationTotal(g.Key.Station, g.Key.StationName, g.Sum(s => s.Minutes))).OrderBy(t => t.StationName).ToList();
            return new Result(from.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), closesAt, rows, totals);
        }
    }
}
