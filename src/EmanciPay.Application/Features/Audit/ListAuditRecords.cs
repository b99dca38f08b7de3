using System.Globalization;
using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Audit;

/// <summary>
/// The audit log, newest first, a page at a time: keyset-paged on (time, id), so a page costs the same however long the
/// log grows. For finance and admin.
/// </summary>
public static class ListAuditRecords
{
    public const int PageSize = 50;

    /// <param name="Cursor">The <see cref="Page.NextCursor"/> of the page before; null for the newest page.</param>
    [AllowedFor(Sender.Finance, Sender.Admin)]
    public sealed record Query(string? Who = null, string? Action = null, DateOnly? Since = null, DateOnly? Until = null, string? Cursor = null) : IQuery<Page>, IAuditLogFilter;

    public sealed record Item(Guid Id, DateTimeOffset At, string UserId, string? UserEmail, string Roles, string Action, string Input, string Changes);

    public sealed record Page(IReadOnlyList<Item> Items, string? NextCursor);

    public sealed class Validator : AuditLogFilter.Validator<Query>
    {
        public Validator() => RuleFor(q => q.Cursor).Must(c => c is null || TryParse(c, out _)).WithMessage("The cursor is not one this list gave.");
    }

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Page>
    {
        public async ValueTask<Page> Handle(Query query, CancellationToken cancellationToken)
        {
            var records = AuditLogFilter.Apply(db.AuditRecords.AsNoTracking(), query);
            if (query.Cursor is { } cursor && TryParse(cursor, out var after))
            {
                var (at, id) = after;
                records = records.Where(r => r.At < at || (r.At == at && r.Id < id));
            }

            var items = await records.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Take(PageSize + 1)
                .Select(r => new Item(r.Id, r.At, r.UserId, r.UserEmail, r.Roles, r.Action, r.Input, r.Changes))
                .ToListAsync(cancellationToken);
            var next = items.Count > PageSize ? Cursor(items[PageSize - 1]) : null;
            return new Page(items.Take(PageSize).ToList(), next);
        }
    }

    private static string Cursor(Item last) => $"{last.At.UtcTicks.ToString(CultureInfo.InvariantCulture)}.{last.Id:N}";

    private static bool TryParse(string cursor, out (DateTimeOffset At, Guid Id) after)
    {
        after = default;
        var parts = cursor.Split('.');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks || !Guid.TryParseExact(parts[1], "N", out var id))
        {
            return false;
        }

        after = (new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}
