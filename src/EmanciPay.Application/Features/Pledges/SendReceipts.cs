using System.Globalization;
using System.Net;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Pledges;
using EmanciPay.Domain.Recipients;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>
/// Emails the receipts for payments, once each: a payment whose receipt went out is skipped, so a job run twice sends
/// once (unless it dies between sending and committing: mail is at least once). If the mail server fails part way,
/// the receipts sent so far are recorded as sent and the rest are left to the mail sweep, so nobody gets two. A
/// monthly pledge's receipt carries the link that cancels it without signing in.
/// </summary>
public static partial class SendReceipts
{
    public const int MaxPayments = 1000;

    [AllowedFor(Sender.System)]
    public sealed record Command(IReadOnlyList<Guid> PaymentIds) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.PaymentIds).NotEmpty().Must(ids => ids.Count <= MaxPayments).WithMessage($"At most {MaxPayments} payments at a time.");
    }

    public sealed partial class Handler(IAppDbContext db, IMailer mailer, IAppUrls urls, IPledgeCancelTokens tokens, TimeProvider clock, ILogger<Handler> logger) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var payments = await db.Payments.Where(p => command.PaymentIds.Contains(p.Id) && p.ReceiptSentAt == null).ToListAsync(cancellationToken);
            var pledgeIds = payments.Select(p => p.PledgeId).Distinct().ToList();
            var pledges = await db.Pledges.AsNoTracking().Where(p => pledgeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
            var recipientIds = pledges.Values.Select(p => p.RecipientId).Distinct().ToList();
            var stations = await db.Recipients.AsNoTracking().Where(r => recipientIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
            foreach (var payment in payments)
            {
                var pledge = pledges[payment.PledgeId];
                try
                {
                    await mailer.SendAsync(Receipt(payment, pledge, stations[pledge.RecipientId]), cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogMailFailed(logger, payment.Id, exception.GetType().Name);
                    break;
                }

                payment.MarkReceiptSent(clock.GetUtcNow());
            }

            return Unit.Value;
        }

        private MailMessage Receipt(Payment payment, Pledge pledge, Recipient station)
        {
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
            return new MailMessage(pledge.Email, $"Your receipt: {Amount(payment.Gross)} to {station.Name}", text, html);
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "The receipt for payment {PaymentId} could not be sent ({ExceptionType}); the mail sweep will try it and the rest again")]
        private static partial void LogMailFailed(ILogger logger, Guid paymentId, string exceptionType);
    }
}
