using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Escrow;

/// <summary>
/// Tells the listener their payment came back, and why. Sent once per refunded payment; a notice that fails is
/// recorded (refused for good, or to try again later) and skipped until the mail sweep finds it due.
/// </summary>
public static class SendRefundNotice
{
    [AllowedFor(Sender.System)]
    public sealed record Command(Guid PaymentId) : ICommand, ICallsOut;

    /// <summary>
    /// The payment of <paramref name="Refunded"/> minor units of <paramref name="Currency"/> came back because the station
    /// did not claim it within <paramref name="HoldDays"/>, or because it declined to join (<paramref name="DeclineReason"/>, its statement).
    /// </summary>
    public sealed record RefundNoticeMail(string To, string StationName, int HoldDays, string Currency, long Refunded, DateTimeOffset PaidAt, Guid PledgeId, string? DeclineReason = null) : MailMessage(To);

    public sealed class Handler(IAppDbContext db, IMailer mailer, IOptions<PledgeOptions> options, TimeProvider clock, ILogger<Handler> logger) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == command.PaymentId, cancellationToken);
            var delivery = await db.MailDeliveries.SingleOrDefaultAsync(d => d.PaymentId == command.PaymentId && d.Kind == PaymentMailKind.RefundNotice, cancellationToken);
            if (payment is not { RefundedAt: not null, RefundNoticeSentAt: null } || delivery?.IsDue(now) == false)
            {
                return Unit.Value;
            }

            var pledge = await db.Pledges.AsNoTracking().SingleAsync(p => p.Id == payment.PledgeId, cancellationToken);
            var station = await db.Recipients.AsNoTracking().SingleAsync(r => r.Id == pledge.RecipientId, cancellationToken);
            var notice = new RefundNoticeMail(pledge.Email, station.Name, options.Value.UnclaimedHoldDays, payment.Currency.Code, payment.Gross, payment.PaidAt, pledge.Id, station.IsDeclined ? station.DeclineReason : null);
            if (await PaymentMails.TrySendAsync(db, mailer, logger, notice, payment.Id, PaymentMailKind.RefundNotice, delivery, now, cancellationToken))
            {
                payment.MarkRefundNoticeSent(now);
            }

            return Unit.Value;
        }
    }
}
