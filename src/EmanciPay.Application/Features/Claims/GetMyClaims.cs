using EmanciPay.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Claims;

/// <summary>The signed-in user's claims, newest first, each with its history: submitted, address confirmed, decided and why.</summary>
public static class GetMyClaims
{
    [AllowedFor(Sender.Listener)]
    public sealed record Query : IQuery<IReadOnlyList<Claim>>;

    /// <summary>A claim as its claimant sees it: who decided is "EmanciPay staff", never an admin's address.</summary>
    public sealed record Claim(
        Guid Id,
        string Status,
        string Station,
        string StationName,
        string CallSign,
        string Email,
        string Phone,
        string Note,
        DateTimeOffset SubmittedAt,
        DateTimeOffset? EmailConfirmedAt,
        DateTimeOffset? DecidedAt,
        string? DecisionReason);

    public sealed class Handler(IAppDbContext db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<Claim>>
    {
        public async ValueTask<IReadOnlyList<Claim>> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = user.UserId!;
            var rows = await (from c in db.StationClaims.AsNoTracking()
                              join r in db.Recipients.AsNoTracking() on c.RecipientId equals r.Id
                              where c.UserId == userId
                              orderby c.SubmittedAt descending
                              select new { c, r.Slug, r.Name, r.CallSign }).ToListAsync(cancellationToken);
            return rows.Select(x => new Claim(
                x.c.Id, ClaimStatus.Name(x.c.Status), x.Slug, x.Name, x.CallSign, x.c.Email, x.c.Phone, x.c.Note,
                x.c.SubmittedAt, x.c.EmailConfirmedAt, x.c.DecidedAt, x.c.DecisionReason)).ToList();
        }
    }
}
