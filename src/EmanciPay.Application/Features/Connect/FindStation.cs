using EmanciPay.Application.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Connect;

/// <summary>
/// Which station a slug names, for pages and endpoints addressed by slug that then send a station-scoped message
/// (<see cref="IStationMessage"/>) by id: the message's authorization, not this lookup, decides who may go on.
/// Station pages are public, so saying whether a slug exists gives nothing away.
/// </summary>
public static class FindStation
{
    [AllowedFor(Sender.Anonymous)]
    public sealed record Query(string Slug) : IQuery<Result>;

    public sealed record Result(Guid Id, string Slug, string Name);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Slug).NotEmpty().MaximumLength(40).WithoutControlCharacters();
    }

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var slug = query.Slug.ToLowerInvariant();
            return await db.Recipients.AsNoTracking().Where(r => r.Slug == slug).Select(r => new Result(r.Id, r.Slug, r.Name)).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Station", query.Slug);
        }
    }
}
