using EmanciPay.Application.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Portal;

/// <summary>
/// The station a page or endpoint address names (by slug), so that it can send its station-scoped message with the
/// station's id: whether the sender manages it is that message's rule. Stations are public, so this tells nobody anything.
/// </summary>
public static class FindStation
{
    [AllowedFor(Sender.Anonymous)]
    public sealed record Query(string Slug) : IQuery<Station>;

    public sealed record Station(Guid Id, string Slug, string Name, string CallSign);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Slug).NotEmpty().MaximumLength(40).WithoutControlCharacters();
    }

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Station>
    {
        public async ValueTask<Station> Handle(Query query, CancellationToken cancellationToken)
        {
            var slug = query.Slug.ToLowerInvariant();
            return await db.Recipients.AsNoTracking()
                .Where(r => r.Slug == slug && r.ListedAt != null)
                .Select(r => new Station(r.Id, r.Slug, r.Name, r.CallSign))
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Station", query.Slug);
        }
    }
}
