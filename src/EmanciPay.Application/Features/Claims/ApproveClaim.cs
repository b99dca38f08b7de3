using EmanciPay.Application.Common;
using EmanciPay.Domain.Recipients;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Claims;

/// <summary>
/// An admin approves a confirmed claim: the station is claimed (and listed, if it was a proposal), its hold deadline
/// stops applying, the claimant becomes its manager with the StationManager role, the station's other open claims are
/// rejected ("another claim was approved"), and every listener who gave to it while unclaimed is mailed, one job per
/// address. Two admins approving competing claims at once: the station's row is taken first by a conditional UPDATE
/// that only an unclaimed, undeclined station matches, so exactly one approval wins and the other is a 400.
/// </summary>
public static class ApproveClaim
{
    public const string OtherClaimApproved = "Another claim for this station was approved.";

    [AllowedFor(Sender.Admin)]
    public sealed record Command(Guid ClaimId) : ICommand<Result>;

    public sealed record Result(Guid Id, string Status, int ListenersToTell);

    public sealed class Handler(IAppDbContext db, ICurrentUser user, IUserAccounts accounts, IBackgroundJobs jobs, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var adminId = user.UserId!;
            var recipientId = await db.StationClaims.Where(c => c.Id == command.ClaimId).Select(c => (Guid?)c.RecipientId).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Claim", command.ClaimId.ToString());

            // Locks the station's row until commit; a competing approval waits here, then matches nothing.
            var taken = await db.Recipients.Where(r => r.Id == recipientId && r.ClaimedAt == null && r.DeclinedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedAt, r => r.ClaimedAt), cancellationToken);
            if (taken == 0)
            {
                throw ClaimStatus.Refusal("claim", "The station has already been claimed or has declined: this claim cannot be approved.");
            }

            var claim = await db.StationClaims.SingleAsync(c => c.Id == command.ClaimId, cancellationToken);
            if (claim.Status != StationClaimStatus.Pending)
            {
                throw ClaimStatus.Refusal("claim", claim.Status == StationClaimStatus.AwaitingEmail
                    ? "The claimant has not confirmed the address at the station's domain yet."
                    : $"This claim was already {ClaimStatus.Name(claim.Status)}.");
            }

            var station = await db.Recipients.SingleAsync(r => r.Id == recipientId, cancellationToken);
            claim.Approve(adminId, now);
            station.List(now);
            station.MarkClaimed(now);
            db.StationManagers.Add(StationManagerAssignment.FromApprovedClaim(station.Id, claim.UserId, now));
            await accounts.AddRoleAsync(claim.UserId, Roles.StationManager, cancellationToken);

            var others = await db.StationClaims.Where(c => c.RecipientId == station.Id && c.Id != claim.Id && (c.Status == StationClaimStatus.AwaitingEmail || c.Status == StationClaimStatus.Pending)).ToListAsync(cancellationToken);
            foreach (var other in others)
            {
                other.Reject(adminId, OtherClaimApproved, now);
            }

            var listeners = await db.Pledges.AsNoTracking()
                .Where(p => p.RecipientId == station.Id && db.Payments.Any(pay => pay.PledgeId == p.Id && pay.RefundedAt == null))
                .Select(p => p.Email).Distinct().ToListAsync(cancellationToken);
            listeners = listeners.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            foreach (var email in listeners)
            {
                var notice = StationClaimNotice.For(claim.Id, email, now);
                db.StationClaimNotices.Add(notice);
                jobs.EnqueueAfterCommit(new SendClaimedGiftNotice.Command(notice.Id));
            }

            return new Result(claim.Id, ClaimStatus.Name(claim.Status), listeners.Count);
        }
    }
}
