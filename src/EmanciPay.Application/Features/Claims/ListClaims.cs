using EmanciPay.Application.Common;
using EmanciPay.Domain.Recipients;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Claims;

/// <summary>
/// Admins: claims by status (pending by default), oldest first, with every claim for the same station alongside so that
/// competing claims are compared side by side, and who decided each.
/// </summary>
public static class ListClaims
{
    public const int MaxRows = 200;

    [AllowedFor(Sender.Admin)]
    public sealed record Query(string? Status = "pending") : IQuery<IReadOnlyList<Claim>>;

    /// <param name="Claimant">The claimant's account address.</param>
    /// <param name="DecidedBy">The deciding admin's account address.</param>
    /// <param name="Competing">How many other open claims there are for the same station.</param>
    public sealed record Claim(
        Guid Id,
        string Status,
        string Station,
        string StationName,
        string CallSign,
        string? Website,
        bool StationListed,
        string Claimant,
        string Email,
        string Phone,
        string Note,
        DateTimeOffset SubmittedAt,
        DateTimeOffset? EmailConfirmedAt,
        DateTimeOffset? DecidedAt,
        string? DecidedBy,
        string? DecisionReason,
        int Competing);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Status).Must(s => s is null || ClaimStatus.Parse(s) is not null)
            .WithMessage("'Status' must be one of: awaiting_email, pending, approved, rejected.");
    }

    public sealed class Handler(IAppDbContext db, IUserAccounts accounts) : IQueryHandler<Query, IReadOnlyList<Claim>>
    {
        public async ValueTask<IReadOnlyList<Claim>> Handle(Query query, CancellationToken cancellationToken)
        {
            var status = ClaimStatus.Parse(query.Status ?? "pending")!.Value;
            var stations = db.StationClaims.Where(c => c.Status == status).Select(c => c.RecipientId);
            var rows = await (from c in db.StationClaims.AsNoTracking()
                              join r in db.Recipients.AsNoTracking() on c.RecipientId equals r.Id
                              where c.Status == status || (stations.Contains(c.RecipientId) && (c.Status == StationClaimStatus.AwaitingEmail || c.Status == StationClaimStatus.Pending))
                              orderby r.Name, c.SubmittedAt
                              select new { c, r.Slug, r.Name, r.CallSign, r.Website, r.ListedAt }).Take(MaxRows).ToListAsync(cancellationToken);
            var emails = await accounts.EmailsAsync(rows.Select(x => x.c.UserId).Concat(rows.Select(x => x.c.DecidedBy).OfType<string>()).Distinct().ToList(), cancellationToken);
            return rows.Select(x => new Claim(
                x.c.Id, ClaimStatus.Name(x.c.Status), x.Slug, x.Name, x.CallSign, x.Website, x.ListedAt is not null,
                emails.GetValueOrDefault(x.c.UserId, x.c.UserId), x.c.Email, x.c.Phone, x.c.Note,
                x.c.SubmittedAt, x.c.EmailConfirmedAt, x.c.DecidedAt, x.c.DecidedBy is null ? null : emails.GetValueOrDefault(x.c.DecidedBy, x.c.DecidedBy), x.c.DecisionReason,
                rows.Count(o => o.c.RecipientId == x.c.RecipientId && o.c.Id != x.c.Id && o.c.IsOpen))).ToList();
        }
    }
}
