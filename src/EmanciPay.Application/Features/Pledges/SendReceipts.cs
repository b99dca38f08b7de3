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

    /// <summary>The receipt for one payment, amounts in minor units of <paramref name="Currency"/>; a monthly pledge's carries the link that cancels it.</summary>
    public sealed record ReceiptMail(
        string To, string StationName, string CallSign, bool StationClaimed, bool Monthly, string Currency,
        long Pledged, long Charged, long Fee, long StationReceives, DateTimeOffset PaidAt, Guid PledgeId, Uri? CancelLink) : MailMessage(To);

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

        private ReceiptMail Receipt(Payment payment, Pledge pledge, Recipient station)
        {
            var monthly = pledge.Frequency == PledgeFrequency.Monthly;
            return new ReceiptMail(
                pledge.Email, station.Name, station.CallSign, station.IsClaimed, monthly, payment.Currency.Code,
                pledge.Amount, payment.Gross, payment.Fee, payment.Net, payment.PaidAt, pledge.Id,
                monthly ? urls.CancelPledge(pledge.Id, tokens.Issue(pledge.Id)) : null);
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "The receipt for payment {PaymentId} could not be sent ({ExceptionType}); the mail sweep will try it and the rest again")]
        private static partial void LogMailFailed(ILogger logger, Guid paymentId, string exceptionType);
    }
}
