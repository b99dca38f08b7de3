using EmanciPay.Application.Common;
using EmanciPay.Domain.Recipients;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Claims;

/// <summary>
/// The link mailed to the claim's address was followed: the mailbox is the claimant's, and the claim waits for an admin.
/// Whoever holds the link may send this (it is the proof); an unknown, replaced, expired or used link is a 400 naming
/// "token", with nothing written.
/// </summary>
public static class ConfirmClaimEmail
{
    [AllowedFor(Sender.Anonymous)]
    public sealed record Command(Guid ClaimId, string? Token) : ICommand<Result>;

    public sealed record Result(Guid Id, string Status, string StationName, string Slug);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Token).NotEmpty().MaximumLength(100).WithoutControlCharacters();
    }

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var claim = await db.StationClaims.SingleOrDefaultAsync(c => c.Id == command.ClaimId, cancellationToken)
                ?? throw ClaimStatus.Refusal("token", "This confirmation link is not valid.");
            var outcome = claim.ConfirmEmail(LinkTokens.Hash(command.Token!), clock.GetUtcNow());
            var refusal = outcome switch
            {
                EmailLinkOutcome.Confirmed => null,
                EmailLinkOutcome.Expired => "This confirmation link has expired: ask for a new one on your claims page.",
                EmailLinkOutcome.AlreadyUsed => "This confirmation link was already used: each link works once. Your address is confirmed.",
                _ => "This confirmation link is not valid (a newer one may have been sent).",
            };
            if (refusal is not null)
            {
                throw ClaimStatus.Refusal("token", refusal);
            }

            var station = await db.Recipients.AsNoTracking().Where(r => r.Id == claim.RecipientId).Select(r => new { r.Name, r.Slug }).SingleAsync(cancellationToken);
            return new Result(claim.Id, ClaimStatus.Name(claim.Status), station.Name, station.Slug);
        }
    }
}
