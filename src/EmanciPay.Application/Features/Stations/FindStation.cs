using EmanciPay.Application.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Stations;

/// <summary>
/// The listed station a page or endpoint address names (by slug), so that it can send its station-scoped message
/// (<see cref="IStationMessage"/>) with the station's id: that message's authorization, not this lookup, decides who
/// may go on. Listed stations are public, so saying whether a slug exists gives nothing away.
/// </summary>
public static class FindStation
{
    [AllowedFor(Sender.Anonymous)]
    public sealed record Query(string Slug) : IQuery<Result>;

    public sealed record Result(Guid Id, string Slug, string Name, string CallSign);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Slug).NotEmpty().MaximumLength(40).WithoutControlCharacters();
    }

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var slug = query.Slug.ToLowerInvariant();
            return await db.Recipients.AsNoTracking().Where(r => r.Slug == slug && r.ListedAt != null).Select(r => new Result(r.Id, r.Slug, r.Name, r.CallSign)).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Station", query.Slug);
        }
    }
}
