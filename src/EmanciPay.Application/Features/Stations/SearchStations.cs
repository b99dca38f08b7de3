using EmanciPay.Application.Common;
using EmanciPay.Domain.Recipients;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Stations;

/// <summary>The station directory: every listed station, claimed or not, narrowed by name, call sign, city or state. Proposals wait for an admin.</summary>
public static class SearchStations
{
    public const int PageSize = 20;
    public const int MaxQueryLength = 100;

    [AllowedFor(Sender.Anonymous)]
    public sealed record Query(string? Q, int Page = 1) : IQuery<Result>;

    public sealed record Station(string Slug, string Name, string CallSign, string Frequency, string City, string State, string? Website, bool Claimed);

    public sealed record Result(IReadOnlyList<Station> Items, int Page, int PageSize, int Total)
    {
        public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Q).MaximumLength(MaxQueryLength).WithoutControlCharacters();
            RuleFor(q => q.Page).InclusiveBetween(1, 10_000);
        }
    }

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var stations = db.Recipients.AsNoTracking().Where(r => r.ListedAt != null);
            if (!string.IsNullOrWhiteSpace(query.Q))
            {
                var term = Recipient.NormaliseSearch(query.Q);
                stations = stations.Where(r => r.SearchText.Contains(term));
            }

            var total = await stations.CountAsync(cancellationToken);
            var items = await stations
                .OrderBy(r => r.Name).ThenBy(r => r.CallSign)
                .Skip((query.Page - 1) * PageSize)
                .Take(PageSize)
                .Select(r => new Station(r.Slug, r.Name, r.CallSign, r.Frequency, r.City, r.State, r.Website, r.ClaimedAt != null))
                .ToListAsync(cancellationToken);
            return new Result(items, query.Page, PageSize, total);
        }
    }
}
