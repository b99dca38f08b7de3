using EmanciPay.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Audit;

/// <summary>
/// The filtered audit log, oldest first, as rows read from the database while they are written out (the CSV export),
/// never all held in memory. For finance and admin.
/// </summary>
public static class ExportAuditRecords
{
    [AllowedFor(Sender.Finance, Sender.Admin)]
    public sealed record Query(string? Who = null, string? Action = null, DateOnly? Since = null, DateOnly? Until = null) : IQuery<IAsyncEnumerable<ListAuditRecords.Item>>, IAuditLogFilter;

    public sealed class Validator : AuditLogFilter.Validator<Query>;

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, IAsyncEnumerable<ListAuditRecords.Item>>
    {
        public ValueTask<IAsyncEnumerable<ListAuditRecords.Item>> Handle(Query query, CancellationToken cancellationToken) =>
            ValueTask.FromResult(AuditLogFilter.Apply(db.AuditRecords.AsNoTracking(), query)
                .OrderBy(r => r.At).ThenBy(r => r.Id)
                .Select(r => new ListAuditRecords.Item(r.Id, r.At, r.UserId, r.UserEmail, r.Roles, r.Action, r.Input, r.Changes))
                .AsAsyncEnumerable());
    }
}
