using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Escrow;

/// <summary>Tells the listener their payment came back, and why. Sent once per refunded payment.</summary>
public static class SendRefundNotice
{
    [AllowedFor(Sender.System)]
    public sealed record Command(Guid PaymentId) : ICommand;

    /// <summary>The payment of <paramref name="Refunded"/> minor units of <paramref name="Currency"/> came back because the station did not claim it within <paramref name="HoldDays"/>.</summary>
    public sealed record RefundNoticeMail(string To, string StationName, int HoldDays, string Currency, long Refunded, DateTimeOffset PaidAt, Guid PledgeId) : MailMessage(To);

    public sealed class Handler(IAppDbContext db, IMailer mailer, IOptions<PledgeOptions> options, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == command.PaymentId, cancellationToken);
            if (payment is not { RefundedAt: not null, RefundNoticeSentAt: null })
            {
                return Unit.Value;
            }

            var pledge = await db.Pledges.AsNoTracking().SingleAsync(p => p.Id == payment.PledgeId, cancellationToken);
            var station = await db.Recipients.AsNoTracking().SingleAsync(r => r.Id == pledge.RecipientId, cancellationToken);
            await mailer.SendAsync(
                new RefundNoticeMail(pledge.Email, station.Name, options.Value.UnclaimedHoldDays, payment.Currency.Code, payment.Gross, payment.PaidAt, pledge.Id),
                cancellationToken);
            payment.MarkRefundNoticeSent(clock.GetUtcNow());
            return Unit.Value;
        }
    }
}
