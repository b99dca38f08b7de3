using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Claims;
using EmanciPay.Application.Features.Escrow;
using EmanciPay.Application.Features.Pledges;
using EmanciPay.Domain.Recipients;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Stations;

/// <summary>
/// An admin records that a station cannot or will not join, with the station's own statement: its page says so, new
/// pledges are refused with that explanation at once, its open claims are rejected, and every payment its escrow holds
/// goes where its listener chose (UnclaimedDisposals): to their fallback station, or back to them through the refund
/// path, one job per payment after commit (Stripe is never called here).
/// </summary>
public static class DeclineStation
{
    public const string StationDeclined = "The station said it will not join EmanciPay.";

    [AllowedFor(Sender.Admin)]
    public sealed record Command(string Slug, string? Reason) : ICommand<Result>;

    public sealed record Result(string Slug, int PaymentsToRefund, int PaymentsToMove);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(Recipient.MaxDeclineReasonLength).WithoutControlCharacters(allowLineBreaks: true)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("'Reason' is required: the station's page and its listeners are shown it.");
    }

    public sealed class Handler(IAppDbContext db, ICurrentUser user, IBackgroundJobs jobs, PledgeStations pledgeStations, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var slug = command.Slug.ToLowerInvariant();
            var station = await db.Recipients.SingleOrDefaultAsync(r => r.Slug == slug, cancellationToken) ?? throw new NotFoundException("Station", command.Slug);

            // The row is taken as an approval takes it: a decline and an approval at once cannot both happen.
            var taken = await db.Recipients.Where(r => r.Id == station.Id && r.ClaimedAt == null && r.DeclinedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedAt, r => r.ClaimedAt), cancellationToken);
            if (taken == 0)
            {
                throw ClaimStatus.Refusal("station", $"{station.Name} has already claimed its escrow or declined.");
            }

            station.Decline(command.Reason!, now);
            var open = await db.StationClaims.Where(c => c.RecipientId == station.Id && (c.Status == StationClaimStatus.AwaitingEmail || c.Status == StationClaimStatus.Pending)).ToListAsync(cancellationToken);
            foreach (var claim in open)
            {
                claim.Reject(user.UserId!, StationDeclined, now);
            }

            var payments = await UnclaimedDisposals.Of(db).Where(due => due.StationId == station.Id).ToListAsync(cancellationToken);
            foreach (var due in payments)
            {
                UnclaimedDisposals.Enqueue(jobs, due);
            }

            pledgeStations.Forget(station.Slug);
            return new Result(station.Slug, payments.Count(p => !p.Moves), payments.Count(p => p.Moves));
        }
    }
}
