using EmanciPay.Domain.Baskets;
using EmanciPay.Application.Behaviours;
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
/// once (unless it dies between sending and committing: mail is at least once). Each receipt is sent on its own: one
/// that fails is recorded (refused for good, or to try again later) and the rest still go out; receipts refused or
/// not yet due again are skipped. A monthly pledge's receipt carries the link that cancels it without signing in.
/// </summary>
public static class SendReceipts
{
    public const int MaxPayments = 1000;

    [AllowedFor(Sender.System)]
    public sealed record Command(IReadOnlyList<Guid> PaymentIds) : ICommand, ICallsOut;

    /// <summary>The receipt for one payment, amounts in minor units of <paramref name="Currency"/>; a monthly pledge's carries the link that cancels it.</summary>
    public sealed record ReceiptMail(
        string To, string StationName, string CallSign, bool StationClaimed, bool Monthly, string Currency,
        long Pledged, long Charged, long Fee, long StationReceives, DateTimeOffset PaidAt, Guid PledgeId, Uri? CancelLink) : MailMessage(To);

    /// <summary>One receipt for a whole basket: each station's share of the charge and of the fee.</summary>
    public sealed record BasketReceiptMail(string To, DateOnly Period, string Currency, long Charged, long Fee, IReadOnlyList<BasketReceiptLine> Lines, DateTimeOffset PaidAt, Guid BasketId, Uri Basket) : MailMessage(To);

    public sealed record BasketReceiptLine(string StationName, string CallSign, bool StationClaimed, BasketLineKind Kind, long Amount, long Fee, long StationReceives);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.PaymentIds).NotEmpty().Must(ids => ids.Count <= MaxPayments).WithMessage($"At most {MaxPayments} payments at a time.");
    }

    public sealed class Handler(IAppDbContext db, IMailer mailer, IAppUrls urls, IPledgeCancelTokens tokens, TimeProvider clock, ILogger<Handler> logger) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var asked = await db.Payments.Where(p => command.PaymentIds.Contains(p.Id) && p.ReceiptSentAt == null).ToListAsync(cancellationToken);
            var basketIds = asked.Select(p => p.BasketId).OfType<Guid>().Distinct().ToList();
            var basketShares = basketIds.Count == 0 ? [] : await db.Payments.Where(p => p.BasketId != null && basketIds.Contains(p.BasketId.Value) && p.ReceiptSentAt == null).ToListAsync(cancellationToken);
            var payments = asked.Where(p => p.BasketId is null).Concat(basketShares).ToList();
            var paymentIds = payments.Select(p => p.Id).ToList();
            var deliveries = await db.MailDeliveries.Where(d => d.Kind == PaymentMailKind.Receipt && paymentIds.Contains(d.PaymentId))
                .ToDictionaryAsync(d => d.PaymentId, cancellationToken);
            var pledgeIds = payments.Select(p => p.PledgeId).Distinct().ToList();
            var pledges = await db.Pledges.AsNoTracking().Where(p => pledgeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
            var recipientIds = pledges.Values.Select(p => p.RecipientId).Distinct().ToList();
            var stations = await db.Recipients.AsNoTracking().Where(r => recipientIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
            foreach (var shares in payments.Where(p => p.BasketId is not null).GroupBy(p => p.BasketId!.Value))
            {
                // A basket's receipt is tracked on its first share.
                var first = shares.MinBy(p => p.Id)!;
                var delivery = deliveries.GetValueOrDefault(first.Id);
                if (delivery is not null && !delivery.IsDue(now))
                {
                    continue;
                }

                var basket = await db.Baskets.AsNoTracking().SingleAsync(b => b.Id == shares.Key, cancellationToken);
                var lines = await db.BasketLines.AsNoTracking().Where(l => l.BasketId == basket.Id).ToListAsync(cancellationToken);
                var receipt = new BasketReceiptMail(
                    pledges[first.PledgeId].Email, basket.Period, basket.Currency.Code, basket.Amount, basket.Fee,
                    lines.Select(l => new BasketReceiptLine(stations[l.RecipientId].Name, stations[l.RecipientId].CallSign, stations[l.RecipientId].IsClaimed, l.Kind, l.Amount, l.Fee, l.Net)).ToList(),
                    first.PaidAt, basket.Id, urls.MyBasket());
                if (await PaymentMails.TrySendAsync(db, mailer, logger, receipt, first.Id, PaymentMailKind.Receipt, delivery, now, cancellationToken))
                {
                    foreach (var share in shares)
                    {
                        share.MarkReceiptSent(now);
                    }
                }
            }

            foreach (var payment in payments.Where(p => p.BasketId is null))
            {
                var delivery = deliveries.GetValueOrDefault(payment.Id);
                if (delivery is not null && !delivery.IsDue(now))
                {
                    continue;
                }

                var pledge = pledges[payment.PledgeId];
                var receipt = Receipt(payment, pledge, stations[pledge.RecipientId]);
                if (await PaymentMails.TrySendAsync(db, mailer, logger, receipt, payment.Id, PaymentMailKind.Receipt, delivery, now, cancellationToken))
                {
                    payment.MarkReceiptSent(now);
                }
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
    }
}
