using EmanciPay.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Portal;

/// <summary>Who manages a station (by account address, and who invited them), and the invitations still open.</summary>
public static class GetStationManagers
{
    [AllowedFor(Sender.StationManager)]
    public sealed record Query(Guid StationId) : IQuery<Managers>, IStationMessage;

    /// <param name="InvitedBy">The address of the manager who invited this one; null when an approved claim made them manager.</param>
    public sealed record Manager(string Email, DateTimeOffset AddedAt, string? InvitedBy);

    public sealed record OpenInvitation(string Email, DateTimeOffset InvitedAt, DateTimeOffset ExpiresAt);

    public sealed record Managers(IReadOnlyList<Manager> Current, IReadOnlyList<OpenInvitation> Invited);

    public sealed class Handler(IAppDbContext db, IUserAccounts accounts, TimeProvider clock) : IQueryHandler<Query, Managers>
    {
        public async ValueTask<Managers> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var assignments = await db.StationManagers.AsNoTracking().Where(m => m.RecipientId == query.StationId).ToListAsync(cancellationToken);
            var invitations = await db.ManagerInvitations.AsNoTracking()
                .Where(i => i.RecipientId == query.StationId && i.AcceptedAt == null && i.ExpiresAt > now)
                .ToListAsync(cancellationToken);
            var userIds = assignments.SelectMany(m => new[] { m.UserId, m.AddedBy }).OfType<string>().Distinct().ToList();
            var emails = await accounts.EmailsAsync(userIds, cancellationToken);
            var current = assignments
                .OrderBy(m => m.AddedAt)
                .Select(m => new Manager(emails.GetValueOrDefault(m.UserId) ?? "(account without an address)", m.AddedAt, m.AddedBy is { } by ? emails.GetValueOrDefault(by) : null))
                .ToList();
            var invited = invitations.OrderBy(i => i.CreatedAt).Select(i => new OpenInvitation(i.Email, i.CreatedAt, i.ExpiresAt)).ToList();
            return new Managers(current, invited);
        }
    }
}
