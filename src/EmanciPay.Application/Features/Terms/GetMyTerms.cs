using EmanciPay.Application.Common;
using EmanciPay.Domain.Terms;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Terms;

/// <summary>The terms the signed-in listener proffers to every station they give to (the defaults until they choose).</summary>
public static class GetMyTerms
{
    [AllowedFor(Sender.Listener)]
    public sealed record Query : IQuery<MyTerms>;

    /// <param name="Display">show-name or anonymous.</param>
    /// <param name="Contact">email-or-post, email-only or none.</param>
    /// <param name="Terms">The roster's terms these choices amount to, as stations read them.</param>
    /// <param name="ChangedAt">When the listener last chose; null while they have the defaults.</param>
    public sealed record MyTerms(string Display, string Contact, bool NoSharing, bool NoGifts, bool NoAsksThisYear, IReadOnlyList<GetTermsRoster.TermView> Terms, DateTimeOffset? ChangedAt);

    public static MyTerms ViewOf(ListenerTerms terms, DateTimeOffset now) => new(
        TermChoices.Name(terms.Display), TermChoices.Name(terms.Contact), terms.NoSharing, terms.NoGifts, terms.NoAsksIn(now),
        [.. terms.Chosen(now).Select(GetTermsRoster.ViewOf)], terms.ChangedAt);

    public sealed class Handler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IQueryHandler<Query, MyTerms>
    {
        public async ValueTask<MyTerms> Handle(Query query, CancellationToken cancellationToken)
        {
            var listener = user.UserId!;
            var terms = await db.ListenerTerms.AsNoTracking().SingleOrDefaultAsync(t => t.ListenerId == listener, cancellationToken) ?? ListenerTerms.Default(listener);
            return ViewOf(terms, clock.GetUtcNow());
        }
    }
}
