using EmanciPay.Application.Common;
using EmanciPay.Domain.Recipients;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Portal;

/// <summary>
/// The invitee, signed in with the invited address, accepts: they become a manager of the station (and get the
/// StationManager role) and the link is spent. A link unknown, expired or already used, or an account with another
/// address, is refused naming the token, with nothing written.
/// </summary>
public static class AcceptManagerInvitation
{
    [AllowedFor(Sender.SignedIn)]
    public sealed record Command(string? Token) : ICommand<Result>;

    public sealed record Result(Guid StationId, string Slug, string Name);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Token).NotEmpty().MaximumLength(100).WithoutControlCharacters();
    }

    public sealed class Handler(IAppDbContext db, IUserAccounts accounts, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var userId = user.UserId!;
            var hash = LinkTokens.Hash(command.Token!);
            var invitation = await db.ManagerInvitations.SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken)
                ?? throw Refused("This invitation link is not valid. Ask the station's manager for a new invitation.");
            if (invitation.IsAccepted)
            {
                throw Refused("This invitation link has already been used. Ask the station's manager for a new invitation.");
            }

            if (!invitation.IsOpen(now))
            {
                throw Refused($"This invitation expired on {invitation.ExpiresAt:MMMM d, yyyy}. Ask the station's manager for a new invitation.");
            }

            var email = await accounts.ConfirmedEmailAsync(userId, cancellationToken);
            if (email is null || ManagerInvitation.Normalise(email) != invitation.Email)
            {
                throw Refused($"This invitation is for {invitation.Email}: sign in with that address to accept it.");
            }

            invitation.Accept(userId, now);
            if (!await db.StationManagers.AnyAsync(m => m.RecipientId == invitation.RecipientId && m.UserId == userId, cancellationToken))
            {
                db.StationManagers.Add(StationManagerAssignment.Invited(invitation.RecipientId, userId, invitation.InvitedBy, now));
            }

            await accounts.AddRoleAsync(userId, Roles.StationManager, cancellationToken);
            var station = await db.Recipients.AsNoTracking().SingleAsync(r => r.Id == invitation.RecipientId, cancellationToken);
            return new Result(station.Id, station.Slug, station.Name);
        }

        private static ValidationException Refused(string message) => new([new ValidationFailure(nameof(Command.Token), message)]);
    }
}
