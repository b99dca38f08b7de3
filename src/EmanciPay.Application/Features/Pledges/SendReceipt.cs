using System.Globalization;
using System.Net;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Pledges;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>
/// Emails the receipt for one payment, once: a payment whose receipt went out is skipped, so a job run twice sends
/// once (unless it dies between sending and committing: mail is at least once). A monthly pledge's receipt carries
/// the link that cancels it without signing in.
/// </summary>
public static class SendReceipt
{
    public sealed record Command(Guid PaymentId) : ICommand;

    public sealed class Handler(IAppDbContext db, IMailer mailer, IAppUrls urls, IPledgeCancelTokens tokens, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == command.PaymentId, cancellationToken);
            if (payment is null || payment.ReceiptSentAt is not null)
            {
                return Unit.Value;
            }

            var pledge = await db.Pledges.AsNoTracking().SingleAsync(p => p.Id == payment.PledgeId, cancellationToken);
            var station = await db.Recipients.AsNoTracking().SingleAsync(r => r.Id == pledge.RecipientId, cancellationToken);
            var currency = payment.Currency.Code;
            var monthly = pledge.Frequency == PledgeFrequency.Monthly;
            var cancel = monthly ? urls.CancelPledge(pledge.Id, tokens.Issue(pledge.Id)) : null;
            string Amount(long minor) => string.Create(CultureInfo.InvariantCulture, $"{minor / 100m:0.00} {currency}");
            var lines = new List<(string Label, string Value)>
            {
                ("Station", $"{station.Name} ({station.CallSign})"),
                ("Pledge", Amount(pledge.Amount) + (monthly ? " a month" : " once")),
                ("Charged to your card", Amount(payment.Gross)),
                ("Card processing fee", Amount(payment.Fee)),
                ($"{station.Name} receives", Amount(payment.Net)),
                ("Date", payment.PaidAt.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)),
                ("Reference", pledge.Id.ToString()),
            };
            var held = station.IsClaimed ? "" : $"{station.Name} has not claimed its escrow yet: your money is held for it, and refunded to you if it does not claim it in time.";
            var text = $"""
                Thank you for supporting {station.Name}.

                {string.Join(Environment.NewLine, lines.Select(l => $"{l.Label}: {l.Value}"))}

                {held}
                {(cancel is null ? "" : $"To cancel this monthly pledge at any time, open: {cancel}")}
                """;
            var html = $"""
                <p>Thank you for supporting {WebUtility.HtmlEncode(station.Name)}.</p>
                <table>{string.Concat(lines.Select(l => $"<tr><th align=\"left\">{WebUtility.HtmlEncode(l.Label)}</th><td>{WebUtility.HtmlEncode(l.Value)}</td></tr>"))}</table>
                <p>{WebUtility.HtmlEncode(held)}</p>
                {(cancel is null ? "" : $"<p><a href=\"{WebUtility.HtmlEncode(cancel.ToString())}\">Cancel this monthly pledge</a></p>")}
                """;
            await mailer.SendAsync(new MailMessage(pledge.Email, $"Your receipt: {Amount(payment.Gross)} to {station.Name}", text, html), cancellationToken);
            payment.MarkReceiptSent(clock.GetUtcNow());
            return Unit.Value;
        }
    }
}
