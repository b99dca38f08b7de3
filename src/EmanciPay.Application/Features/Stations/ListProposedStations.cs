using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Claims;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Stations;

/// <summary>Admins: stations proposed by users and not yet listed, oldest first, with who proposed them.</summary>
public static class ListProposedStations
{
    public const int MaxRows = 200;

    [AllowedFor(Sender.Admin)]
    public sealed record Query : IQuery<IReadOnlyList<Proposal>>;

    public sealed record Proposal(string Slug, string Name, string CallSign, string Frequency, string City, string State, string? Website, string ProposedBy, DateTimeOffset ProposedAt);

    public sealed class Handler(IAppDbContext db, IUserAccounts accounts) : IQueryHandler<Query, IReadOnlyList<Proposal>>
    {
        public async ValueTask<IReadOnlyList<Proposal>> Handle(Query query, CancellationToken cancellationToken)
        {
            var rows = await db.Recipients.AsNoTracking().Where(r => r.ListedAt == null).OrderBy(r => r.CreatedAt).Take(MaxRows).ToListAsync(cancellationToken);
            var emails = await accounts.EmailsAsync(rows.Select(r => r.ProposedBy).OfType<string>().Distinct().ToList(), cancellationToken);
            return rows.Select(r => new Proposal(r.Slug, r.Name, r.CallSign, r.Frequency, r.City, r.State, r.Website, emails.GetValueOrDefault(r.ProposedBy ?? "", r.ProposedBy ?? ""), r.CreatedAt)).ToList();
        }
    }
}
