using EmanciPay.Application.Common;
using EmanciPay.Domain.Recipients;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Claims;

/// <summary>An admin rejects an open claim with a reason, which the claimant sees on their claims page.</summary>
public static class RejectClaim
{
    [AllowedFor(Sender.Admin)]
    public sealed record Command(Guid ClaimId, string? Reason) : ICommand<Result>;

    public sealed record Result(Guid Id, string Status);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(StationClaim.MaxReasonLength).WithoutControlCharacters(allowLineBreaks: true)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("'Reason' is required: the claimant is shown it.");
    }

    public sealed class Handler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var recipientId = await db.StationClaims.Where(c => c.Id == command.ClaimId).Select(c => (Guid?)c.RecipientId).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Claim", command.ClaimId.ToString());

            // The station's row, as an approval takes it: a rejection and an approval of the same claim run one after the other.
            await db.Recipients.Where(r => r.Id == recipientId).ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedAt, r => r.ClaimedAt), cancellationToken);
            var claim = await db.StationClaims.SingleAsync(c => c.Id == command.ClaimId, cancellationToken);
            if (!claim.IsOpen)
            {
                throw ClaimStatus.Refusal("claim", $"This claim was already {ClaimStatus.Name(claim.Status)}.");
            }

            claim.Reject(user.UserId!, command.Reason!, clock.GetUtcNow());
            return new Result(claim.Id, ClaimStatus.Name(claim.Status));
        }
    }
}
