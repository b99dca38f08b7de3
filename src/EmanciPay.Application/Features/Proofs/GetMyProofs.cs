using EmanciPay.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Proofs;

/// <summary>The listener's proofs of giving, newest first, and the stations and years they could prove now.</summary>
public static class GetMyProofs
{
    [AllowedFor(Sender.Listener)]
    public sealed record Query(string ListenerId) : IQuery<Result>;

    public sealed record Proof(Guid Id, string Station, string StationName, string Period, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
    {
        public bool Valid => RevokedAt is null;
    }

    /// <param name="Station">The station's slug.</param>
    public sealed record Provable(string Station, string StationName, int Year);

    public sealed record Result(IReadOnlyList<Proof> Proofs, IReadOnlyList<Provable> Provable);

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var proofs = await db.GivingProofs.AsNoTracking()
                .Where(p => p.ListenerId == query.ListenerId)
                .Join(db.Recipients, p => p.RecipientId, r => r.Id, (p, r) => new { p.Id, r.Slug, r.Name, p.Year, p.CreatedAt, p.RevokedAt })
                .ToListAsync(cancellationToken);
            var provable = await ProofGifts.OfAsync(db, query.ListenerId, cancellationToken);
            return new Result(
                proofs.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Select(p => new Proof(p.Id, p.Slug, p.Name, CreateProof.Period(p.Year), p.CreatedAt, p.RevokedAt)).ToList(),
                provable.Select(g => new Provable(g.Slug, g.Name, g.Year)).ToList());
        }
    }
}
