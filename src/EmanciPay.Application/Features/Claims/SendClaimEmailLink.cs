using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Recipients;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Claims;

/// <summary>
/// Mails a claim's confirmation link to its address at the station's domain. The token is made here, by the job, and
/// only its hash is stored; sending again (a lost mail, an expired link) makes a new link and the old one stops working.
/// The hash commits before the mail goes, with no transaction open while the mail server is called, so a link is
/// never in a mailbox before it works; a mail that fails leaves a link nobody has, and the job runs again with a new one.
/// </summary>
public static class SendClaimEmailLink
{
    [AllowedFor(Sender.System)]
    public sealed record Command(Guid ClaimId) : ICommand, ICallsOut;

    public sealed record ClaimEmailLinkMail(string To, string StationName, string CallSign, Uri Link, DateTimeOffset ExpiresAt) : MailMessage(To);

    public sealed class Handler(IAppDbContext db, IUnitOfWork unitOfWork, IMailer mailer, IAppUrls urls, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var claim = await db.StationClaims.SingleOrDefaultAsync(c => c.Id == command.ClaimId, cancellationToken);
            if (claim is not { Status: StationClaimStatus.AwaitingEmail })
            {
                return Unit.Value;
            }

            var station = await db.Recipients.AsNoTracking().SingleAsync(r => r.Id == claim.RecipientId, cancellationToken);
            var token = LinkTokens.New();
            var now = clock.GetUtcNow();
            claim.IssueEmailLink(LinkTokens.Hash(token), now);
            await unitOfWork.CommitAsync(cancellationToken);

            await mailer.SendAsync(new ClaimEmailLinkMail(claim.Email, station.Name, station.CallSign, urls.ConfirmClaimEmail(claim.Id, token), claim.EmailLinkExpiresAt!.Value), cancellationToken);
            return Unit.Value;
        }
    }
}
