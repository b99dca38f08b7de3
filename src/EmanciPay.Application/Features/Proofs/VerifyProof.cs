using EmanciPay.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Proofs;

/// <summary>
/// Anyone checks a proof of giving by its token: the station, the year, and whether it still stands. Nothing about the
/// listener is read. A token that is not one the app could have made is refused before the database is asked; an
/// unknown one is 404, a revoked one answers valid: false.
/// </summary>
public static class VerifyProof
{
    [AllowedFor(Sender.Anonymous)]
    public sealed record Query(string Token) : IQuery<Result>;

    /// <param name="Station">The station's slug.</param>
    /// <param name="Period">The calendar year given in, "2027".</param>
    public sealed record Result(string Station, string StationName, string Period, bool Valid);

    /// <summary>32 bytes in base64url without padding are 43 characters of A-Z, a-z, 0-9, '-' and '_'.</summary>
    public static bool LooksLikeToken(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!LooksLikeToken(query.Token))
            {
                throw new NotFoundException("Proof", "(token)");
            }

            var hash = LinkTokens.Hash(query.Token);
            var proof = await db.GivingProofs.AsNoTracking()
                .Where(p => p.TokenHash == hash)
                .Join(db.Recipients, p => p.RecipientId, r => r.Id, (p, r) => new { r.Slug, r.Name, p.Year, p.RevokedAt })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Proof", "(token)");
            return new Result(proof.Slug, proof.Name, CreateProof.Period(proof.Year), proof.RevokedAt is null);
        }
    }
}
