using EmanciPay.Application.Common;
using EmanciPay.Domain.Ledger;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Embed;

/// <summary>
/// What a station's embeddable pledge button shows: its name, whether it has joined (claimed its escrow), and what
/// waits in its escrow per currency. Any listed station has one, claimed or not; a proposed or unknown one is 404.
/// Read by two small queries, the escrow summed in one, since other sites show it on every page view.
/// </summary>
public static class GetPledgeButton
{
    [AllowedFor(Sender.Anonymous)]
    public sealed record Query(string Slug) : IQuery<Result>;

    /// <param name="Held">In minor units: credits less debits posted, payouts under way included, as the station page shows it.</param>
    public sealed record Escrow(string Currency, long Held);

    public sealed record Result(string Slug, string Name, bool Joined, bool Declined, IReadOnlyList<Escrow> Escrow);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Slug).NotEmpty().MaximumLength(40).WithoutControlCharacters();
    }

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var slug = query.Slug.ToLowerInvariant();
            var station = await db.Recipients.AsNoTracking()
                .Where(r => r.Slug == slug && r.ListedAt != null)
                .Select(r => new { r.Id, r.Slug, r.Name, Joined = r.ClaimedAt != null, Declined = r.DeclinedAt != null })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Station", query.Slug);
            var code = LedgerAccount.EscrowCode(station.Id);
            var escrow = await db.LedgerAccounts.AsNoTracking()
                .Where(a => a.Code == code)
                .Join(db.LedgerBalances, a => a.Id, b => b.AccountId, (a, b) => new { a.Currency, Held = b.CreditsPosted - b.DebitsPosted })
                .GroupBy(x => x.Currency)
                .Select(g => new { Currency = g.Key, Held = g.Sum(x => x.Held) })
                .ToListAsync(cancellationToken);
            return new Result(
                station.Slug,
                station.Name,
                station.Joined,
                station.Declined,
                escrow.Select(e => new Escrow(e.Currency.Code.ToLowerInvariant(), e.Held)).OrderBy(e => e.Currency, StringComparer.Ordinal).ToList());
        }
    }
}
