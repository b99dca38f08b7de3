using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Terms;
using EmanciPay.Domain.Terms;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Profile;

/// <summary>
/// The listener's details, held once, and which stations can see what: for each station they gave to, what it reads
/// now under their current terms (a station that holds only anonymous gifts sees nothing of them), and whether it has
/// agreed to honour the terms.
/// </summary>
public static class GetMyDetails
{
    [AllowedFor(Sender.Listener)]
    public sealed record Query : IQuery<Details>;

    /// <param name="Email">The account's address; a new one replaces it only once confirmed (at /account/change-email).</param>
    public sealed record Details(string? Name, string? Email, string? PostalAddress, DateTimeOffset? ChangedAt, IReadOnlyList<StationView> Stations);

    /// <param name="Sees">What the station reads of the listener now: some of name, email, postal-address, message; empty when nothing.</param>
    /// <param name="AgreedAt">When the station agreed to honour the listeners' terms; null if it has not (or has not claimed).</param>
    public sealed record StationView(string Slug, string StationName, bool Claimed, IReadOnlyList<string> Sees, bool OnlyAnonymousGifts, DateTimeOffset? AgreedAt, Guid? AgreementId);

    public sealed class Handler(IAppDbContext db, ICurrentUser user, IUserAccounts accounts, TimeProvider clock) : IQueryHandler<Query, Details>
    {
        public async ValueTask<Details> Handle(Query query, CancellationToken cancellationToken)
        {
            var listener = user.UserId!;
            var now = clock.GetUtcNow();
            var details = await db.ListenerDetails.AsNoTracking().SingleOrDefaultAsync(d => d.ListenerId == listener, cancellationToken);
            var terms = await db.ListenerTerms.AsNoTracking().SingleOrDefaultAsync(t => t.ListenerId == listener, cancellationToken) ?? ListenerTerms.Default(listener);
            var email = (await accounts.EmailsAsync([listener], cancellationToken)).GetValueOrDefault(listener);
            var given = await db.Pledges.AsNoTracking()
                .Where(p => p.ListenerId == listener && db.Payments.Any(x => x.PledgeId == p.Id))
                .Join(db.Recipients, p => p.RecipientId, r => r.Id, (p, r) => new { r.Id, r.Slug, r.Name, IsClaimed = r.ClaimedAt != null, p.Anonymous })
                .ToListAsync(cancellationToken);
            var stations = given.GroupBy(g => (g.Id, g.Slug, g.Name, g.IsClaimed)).ToList();
            var agreements = await StationAgreements.CurrentAsync(db, [.. stations.Select(s => s.Key.Id)], cancellationToken);
            var current = new SupporterDetails(details?.Name, email, details?.PostalAddress);
            var views = stations.Select(s =>
            {
                var onlyAnonymous = s.All(g => g.Anonymous);
                var seen = SupporterDisplay.Resolve(terms, onlyAnonymous, current, "message", now);
                var sees = new List<string>();
                if (seen.Name is not null) sees.Add("name");
                if (seen.Email is not null) sees.Add("email");
                if (seen.PostalAddress is not null) sees.Add("postal-address");
                if (seen.Message is not null) sees.Add("message");
                var agreement = agreements.GetValueOrDefault(s.Key.Id);
                return new StationView(s.Key.Slug, s.Key.Name, s.Key.IsClaimed, sees, onlyAnonymous, agreement?.AgreedAt, agreement?.Id);
            }).OrderBy(s => s.StationName, StringComparer.Ordinal).ToList();
            return new Details(details?.Name, email, details?.PostalAddress, details?.ChangedAt, views);
        }
    }
}
