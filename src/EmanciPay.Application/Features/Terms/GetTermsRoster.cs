using EmanciPay.Application.Common;
using EmanciPay.Domain.Terms;
using Mediator;

namespace EmanciPay.Application.Features.Terms;

/// <summary>The roster of listeners' terms that ships with the app, each in plain words and in its machine-readable form.</summary>
public static class GetTermsRoster
{
    [AllowedFor(Sender.Anonymous)]
    public sealed record Query : IQuery<IReadOnlyList<TermView>>;

    /// <param name="Choice">display or contact for terms that are alternatives of one choice; null for a term on its own.</param>
    /// <param name="Withholds">What a station never receives while this term is chosen: name, email, postal-address, message.</param>
    public sealed record TermView(string Id, int Version, string Publisher, string? Choice, string Title, string Text, IReadOnlyList<string> Withholds);

    public static TermView ViewOf(Term term) => new(term.Id, term.Version, TermRoster.Publisher, term.Choice, term.Title, term.Text, term.Withholds);

    public sealed class Handler : IQueryHandler<Query, IReadOnlyList<TermView>>
    {
        public ValueTask<IReadOnlyList<TermView>> Handle(Query query, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<TermView>>([.. TermRoster.All.Select(ViewOf)]);
    }
}
