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
/// Tells the listener their unclaimed gift went to the station they chose, once per moved payment; a notice that fails
/// is recorded and found again by the mail sweep when due.
/// </summary>
public static class SendGiftMovedNotice
{
    [AllowedFor(Sender.System)]
    public sealed record Command(Guid PaymentId) : ICommand, ICallsOut;

    /// <summary>
    /// <paramref name="Moved"/> minor units of <paramref name="Currency"/>, what the first station's escrow held of the
    /// payment, went to the second: because the first declined to join, or did not claim it within <paramref name="HoldDays"/>.
    /// </summary>
    public sealed record GiftMovedMail(string To, string FromStation, string ToStation, bool Declined, int HoldDays, string Currency, long Moved, DateTimeOffset PaidAt, Guid PledgeId) : MailMessage(To);

    public sealed class Handler(IAppDbContext db, IMailer mailer, IOptions<PledgeOptions> options, TimeProvider clock, ILogger<Handler> logger) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == command.PaymentId, cancellationToken);
            var delivery = await db.MailDeliveries.SingleOrDefaultAsync(d => d.PaymentId == command.PaymentId && d.Kind == PaymentMailKind.GiftMovedNotice, cancellationToken);
            if (payment is not { Disposal: ExpiryDisposal.Move, MovedToRecipientId: { } movedTo, MovedNoticeSentAt: null } || delivery?.IsDue(now) == false)
            {
                return Unit.Value;
            }

            var pledge = await db.Pledges.AsNoTracking().SingleAsync(p => p.Id == payment.PledgeId, cancellationToken);
            var stations = await db.Recipients.AsNoTracking().Where(r => r.Id == pledge.RecipientId || r.Id == movedTo).ToDictionaryAsync(r => r.Id, cancellationToken);
            var from = stations[pledge.RecipientId];
            var notice = new GiftMovedMail(pledge.Email, from.Name, stations[movedTo].Name, from.IsDeclined, options.Value.UnclaimedHoldDays, payment.Currency.Code, payment.Net, payment.PaidAt, pledge.Id);
            if (await PaymentMails.TrySendAsync(db, mailer, logger, notice, payment.Id, PaymentMailKind.GiftMovedNotice, delivery, now, cancellationToken))
            {
                payment.MarkMovedNoticeSent(now);
            }

            return Unit.Value;
        }
    }
}
