using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Application.Features.Claims;

/// <summary>
/// Tells one listener that the station they gave to while it was unclaimed has claimed their gift. One job per
/// address: a failure is recorded on its notice (final when refused, otherwise tried again later by the mail sweep),
/// never thrown, so it never holds up the others.
/// </summary>
public static partial class SendClaimedGiftNotice
{
    [AllowedFor(Sender.System)]
    public sealed record Command(Guid NoticeId) : ICommand, ICallsOut;

    public sealed record ClaimedGiftMail(string To, string StationName, string CallSign, Uri StationPage) : MailMessage(To);

    public sealed partial class Handler(IAppDbContext db, IMailer mailer, IAppUrls urls, TimeProvider clock, ILogger<Handler> logger) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var notice = await db.StationClaimNotices.SingleOrDefaultAsync(n => n.Id == command.NoticeId, cancellationToken);
            if (notice is null || !notice.IsDue(now))
            {
                return Unit.Value;
            }

            var station = await (from c in db.StationClaims.AsNoTracking()
                                 join r in db.Recipients.AsNoTracking() on c.RecipientId equals r.Id
                                 where c.Id == notice.ClaimId
                                 select new { r.Name, r.CallSign, r.Slug }).SingleAsync(cancellationToken);
            try
            {
                await mailer.SendAsync(new ClaimedGiftMail(notice.Email, station.Name, station.CallSign, urls.Station(station.Slug)), cancellationToken);
                notice.Sent(now);
            }
            catch (MailRefusedException refused)
            {
                LogRefused(logger, notice.Id);
                notice.Refused(refused.Message, now);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailedForNow(logger, notice.Id, exception.GetType().Name);
                notice.FailedForNow($"{exception.GetType().Name}: {exception.Message}", now);
            }

            return Unit.Value;
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "The claimed-gift notice {NoticeId} was refused for good; it is not tried again")]
        private static partial void LogRefused(ILogger logger, Guid noticeId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "The claimed-gift notice {NoticeId} could not be sent ({ExceptionType}); the mail sweep will try it again later")]
        private static partial void LogFailedForNow(ILogger logger, Guid noticeId, string exceptionType);
    }
}
