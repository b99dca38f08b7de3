using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Terms;
using EmanciPay.Domain.Recipients;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Claims;

/// <summary>
/// A signed-in user claims a station with evidence: an address at the station's website domain (a link mailed there,
/// after commit, confirms it), a phone number and a note. Refused, with nothing written: an unknown station (404), one
/// claimed or declined, one without a website, an address at another domain, and a second open claim by the same user.
/// A proposed station not yet listed can be claimed by its proposer only. The claimant must agree, for the station, to
/// honour the listeners' terms: the agreement is signed and kept, and counts for the station once the claim is approved.
/// </summary>
public static class SubmitClaim
{
    [AllowedFor(Sender.Listener)]
    /// <param name="AgreeToTerms">The claimant agrees, for the station, to honour the listeners' terms (the whole roster): required.</param>
    public sealed record Command(string Slug, string? Email, string? Phone, string? Note, bool? AgreeToTerms) : ICommand<Result>;

    public sealed record Result(Guid Id, string Status);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IMailAddresses addresses)
        {
            RuleFor(c => c.Slug).NotEmpty().MaximumLength(40).WithoutControlCharacters();
            RuleFor(c => c.Email).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(StationClaim.MaxEmailLength).WithoutControlCharacters()
                .Must(addresses.CanSendTo).WithMessage("'Email' is not an address we can send mail to.");
            RuleFor(c => c.Phone).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(StationClaim.MaxPhoneLength).WithoutControlCharacters()
                .Matches(@"^\+?[0-9 ().-]{7,}$").WithMessage("'Phone' must be a phone number: digits, spaces, and + ( ) . - only.");
            RuleFor(c => c.Note).MaximumLength(StationClaim.MaxNoteLength).WithoutControlCharacters(allowLineBreaks: true);
            RuleFor(c => c.AgreeToTerms).Equal(true).WithMessage("A station must agree to honour its listeners' terms to claim it.");
        }
    }

    public sealed class Handler(IAppDbContext db, ICurrentUser user, IBackgroundJobs jobs, ITermsSigner signer, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = user.UserId!;
            var slug = command.Slug.ToLowerInvariant();
            var station = await db.Recipients.AsNoTracking().SingleOrDefaultAsync(r => r.Slug == slug, cancellationToken);
            if (station is null || (!station.IsListed && station.ProposedBy != userId))
            {
                throw new NotFoundException("Station", command.Slug);
            }

            Refuse(station.IsClaimed, "station", $"{station.Name} has already been claimed: ask its managers to invite you.");
            Refuse(station.IsDeclined, "station", $"{station.Name} has said it will not join EmanciPay, so it cannot be claimed.");
            var domain = ClaimEvidence.StationDomain(station.Website);
            Refuse(domain is null, "station", $"{station.Name} has no website on record, so a claim cannot be checked against its domain. Write to EmanciPay's staff from the station's address instead.");
            Refuse(!ClaimEvidence.IsAt(command.Email!, domain!), "email", $"Use an address at {domain} (or a subdomain of it): the station's website domain.");
            var open = await db.StationClaims.AnyAsync(c => c.RecipientId == station.Id && c.UserId == userId && (c.Status == StationClaimStatus.AwaitingEmail || c.Status == StationClaimStatus.Pending), cancellationToken);
            Refuse(open, "station", $"You already have a claim for {station.Name} under way: see your claims.");

            var now = clock.GetUtcNow();
            var claim = StationClaim.Submit(station.Id, userId, command.Email!, command.Phone!, command.Note, now);
            db.StationClaims.Add(claim);
            db.TermsAgreements.Add(AgreementPayload.Sign(signer, station, userId, now));
            jobs.EnqueueAfterCommit(new SendClaimEmailLink.Command(claim.Id));
            return new Result(claim.Id, ClaimStatus.Name(claim.Status));
        }

        private static void Refuse(bool refused, string field, string message)
        {
            if (refused)
            {
                throw ClaimStatus.Refusal(field, message);
            }
        }
    }
}
