using System.Globalization;
using System.Net;
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
            var amount = string.Create(CultureInfo.InvariantCulture, $"{payment.Gross / 100m:0.00} {payment.Currency}");
            var paid = payment.PaidAt.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
            var text = $"""
                {station.Name} did not claim the money held for it within {options.Value.UnclaimedHoldDays} days, so your payment of {amount} on {paid} has been refunded to your card in full.
                Refunds usually appear on your statement within 5 to 10 days.

                Reference: {pledge.Id}
                """;
            var html = $"<p>{WebUtility.HtmlEncode(text.Split('\n')[0])}</p><p>Refunds usually appear on your statement within 5 to 10 days.</p><p>Reference: {pledge.Id}</p>";
            await mailer.SendAsync(new MailMessage(pledge.Email, $"Your pledge to {station.Name} was refunded", text, html), cancellationToken);
            payment.MarkRefundNoticeSent(clock.GetUtcNow());
            return Unit.Value;
        }
    }
}
