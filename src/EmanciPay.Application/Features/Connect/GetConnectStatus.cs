using EmanciPay.Application.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Connect;

/// <summary>Where the station's Stripe Connect onboarding stands, as Stripe last reported it, in plain words.</summary>
public static class GetConnectStatus
{
    [AllowedFor(Sender.StationManager)]
    public sealed record Query(Guid StationId) : IQuery<Result>, IStationMessage;

    /// <param name="Started">Whether the station has a connected account at Stripe yet.</param>
    /// <param name="CurrentlyDue">Stripe's field names, as it reports them.</param>
    /// <param name="StillRequired">The same, in plain words, one line per thing to provide.</param>
    /// <param name="DisabledBecause">Stripe's <c>disabled_reason</c> in a sentence; null when nothing disables the account.</param>
    public sealed record Result(
        string Slug,
        string Name,
        bool Claimed,
        bool Started,
        bool PayoutsEnabled,
        bool DetailsSubmitted,
        IReadOnlyList<string> CurrentlyDue,
        IReadOnlyList<string> StillRequired,
        string? DisabledReason,
        string? DisabledBecause,
        DateTimeOffset? ReportedAt);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.StationId).NotEmpty();
    }

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var station = await db.Recipients.AsNoTracking().SingleOrDefaultAsync(r => r.Id == query.StationId, cancellationToken)
                ?? throw new NotFoundException("Station", query.StationId.ToString());
            var account = await db.ConnectedAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.RecipientId == station.Id, cancellationToken);
            if (account is null)
            {
                return new Result(station.Slug, station.Name, station.IsClaimed, false, false, false, [], [], null, null, null);
            }

            var due = account.CurrentlyDueFields;
            return new Result(
                station.Slug, station.Name, station.IsClaimed, true, account.PayoutsEnabled, account.DetailsSubmitted, due,
                ConnectRequirements.Describe(due), account.DisabledReason, ConnectRequirements.DescribeDisabledReason(account.DisabledReason), account.ReportedAt);
        }
    }
}
