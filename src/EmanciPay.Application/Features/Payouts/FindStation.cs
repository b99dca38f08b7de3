using EmanciPay.Application.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Payouts;

/// <summary>A station's id and name from its slug, for the payout pages and endpoints to name it in their station-scoped requests (which decide who may see it).</summary>
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
            return await db.Recipients.AsNoTracking().Where(r => r.Slug == slug).Select(r => new Result(r.Id, r.Slug, r.Name, r.CallSign)).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Station", query.Slug);
        }
    }
}
