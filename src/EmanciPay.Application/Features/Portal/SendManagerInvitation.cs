using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Portal;

/// <summary>
/// Mails an invitation its link. The token is made here and only its hash is kept, committed before the mail goes
/// out (no transaction is open while the mail server is called). Run again after a failure, it makes a new token, so
/// only the link in the mail that went out last works; an invitation mailed, accepted or expired is left alone.
/// </summary>
public static class SendManagerInvitation
{
    [AllowedFor(Sender.System)]
    public sealed record Command(Guid InvitationId) : ICommand, ICallsOut;

    /// <summary>An invitation from <paramref name="InvitedBy"/> to manage <paramref name="StationName"/>, open until <paramref name="ExpiresAt"/>.</summary>
    public sealed record InvitationMail(string To, string StationName, string CallSign, string InvitedBy, Uri Link, DateTimeOffset ExpiresAt) : MailMessage(To);

    public sealed class Handler(IAppDbContext db, IUnitOfWork unitOfWork, IUserAccounts accounts, IAppUrls urls, IMailer mailer, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var invitation = await db.ManagerInvitations.SingleOrDefaultAsync(i => i.Id == command.InvitationId, cancellationToken);
            if (invitation is null || invitation.MailedAt is not null || !invitation.IsOpen(now))
            {
                return Unit.Value;
            }

            var station = await db.Recipients.AsNoTracking().SingleAsync(r => r.Id == invitation.RecipientId, cancellationToken);
            var inviter = (await accounts.EmailsAsync([invitation.InvitedBy], cancellationToken)).GetValueOrDefault(invitation.InvitedBy) ?? "A manager";
            var token = LinkTokens.New();
            invitation.IssueToken(LinkTokens.Hash(token));
            await unitOfWork.CommitAsync(cancellationToken);

            await mailer.SendAsync(new InvitationMail(invitation.Email, station.Name, station.CallSign, inviter, urls.AcceptManagerInvitation(token), invitation.ExpiresAt), cancellationToken);
            invitation.MarkMailed(now);
            return Unit.Value;
        }
    }
}
