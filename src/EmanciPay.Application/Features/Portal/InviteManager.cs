using EmanciPay.Application.Common;
using EmanciPay.Domain.Recipients;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Portal;

/// <summary>
/// A manager invites an address to manage the same station. The invitation is written here and its mail, with a
/// single-use link, goes out from a job once this commits. Inviting someone who already manages the station, or an
/// address whose invitation is still open, is refused, naming the field.
/// </summary>
public static class InviteManager
{
    [AllowedFor(Sender.StationManager)]
    public sealed record Command(Guid StationId, string? Email) : ICommand<Result>, IStationMessage;

    public sealed record Result(Guid Id, string Email, DateTimeOffset ExpiresAt);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IMailAddresses addresses)
        {
            RuleFor(c => c.StationId).NotEmpty();
            RuleFor(c => c.Email).NotEmpty().MaximumLength(ManagerInvitation.MaxEmailLength).WithoutControlCharacters()
                .Must(addresses.CanSendTo).WithMessage("'Email' is not an email address.");
        }
    }

    public sealed class Handler(IAppDbContext db, IUserAccounts accounts, ICurrentUser user, IBackgroundJobs jobs, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var email = ManagerInvitation.Normalise(command.Email!);
            if (await accounts.UserIdByEmailAsync(email, cancellationToken) is { } invitee
                && await db.StationManagers.AnyAsync(m => m.RecipientId == command.StationId && m.UserId == invitee, cancellationToken))
            {
                throw Refused($"{email} already manages this station.");
            }

            var open = await db.ManagerInvitations.AsNoTracking()
                .Where(i => i.RecipientId == command.StationId && i.Email == email && i.AcceptedAt == null && i.ExpiresAt > now)
                .Select(i => (DateTimeOffset?)i.ExpiresAt)
                .FirstOrDefaultAsync(cancellationToken);
            if (open is { } expires)
            {
                throw Refused($"{email} is already invited; that invitation is open until {expires:MMMM d, yyyy}.");
            }

            var invitation = ManagerInvitation.Create(command.StationId, email, user.UserId!, now);
            db.ManagerInvitations.Add(invitation);
            jobs.EnqueueAfterCommit(new SendManagerInvitation.Command(invitation.Id));
            return new Result(invitation.Id, invitation.Email, invitation.ExpiresAt);
        }

        private static ValidationException Refused(string message) => new([new ValidationFailure(nameof(Command.Email), message)]);
    }
}
