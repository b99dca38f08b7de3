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
/// Reminds a listener that the station they gave to has not claimed the money, and what will happen at the deadline
/// (their refund, or the station they chose), while they can still change it: 14 days before, then 2 days before. The
/// reminder due now is worked out from the deadline and claimed by one conditional update before it is sent, so jobs
/// run twice, at once or late, send each reminder once; a send that fails gives the claim back for the next sweep.
/// </summary>
public static class SendDeadlineReminder
{
    public static readonly int[] DaysBefore = [14, 2];

    [AllowedFor(Sender.System)]
    public sealed record Command(Guid PaymentId) : ICommand, ICallsOut;

    /// <summary>The payment of <paramref name="Paid"/> minor units is held for <paramref name="StationName"/> until <paramref name="Deadline"/>; then it goes to <paramref name="FallbackStation"/>, or back to the card when null.</summary>
    public sealed record DeadlineReminderMail(string To, string StationName, string Currency, long Paid, DateTimeOffset PaidAt, DateTimeOffset Deadline, string? FallbackStation, Uri MyGiving) : MailMessage(To);

    /// <summary>How many reminders are due by <paramref name="now"/> for a deadline: 0, 1 (14 days before) or 2 (2 days before).</summary>
    public static int RemindersDue(DateTimeOffset deadline, DateTimeOffset now) => DaysBefore.Count(days => now >= deadline.AddDays(-days));

    public sealed class Handler(IAppDbContext db, IMailer mailer, IAppUrls urls, IOptions<PledgeOptions> options, TimeProvider clock, ILogger<Handler> logger) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.PaymentId, cancellationToken);
            if (payment is not { Disposal: ExpiryDisposal.None, RefundedAt: null })
            {
                return Unit.Value;
            }

            var deadline = payment.PaidAt.AddDays(options.Value.UnclaimedHoldDays);
            var due = RemindersDue(deadline, now);
            var delivery = await db.MailDeliveries.SingleOrDefaultAsync(d => d.PaymentId == payment.Id && d.Kind == PaymentMailKind.DeadlineReminder, cancellationToken);
            if (now >= deadline || due <= payment.DeadlineReminders || delivery?.IsDue(now) == false)
            {
                return Unit.Value;
            }

            var pledge = await db.Pledges.AsNoTracking().SingleAsync(p => p.Id == payment.PledgeId, cancellationToken);
            var station = await db.Recipients.AsNoTracking().SingleAsync(r => r.Id == pledge.RecipientId, cancellationToken);
            if (station.IsClaimed || station.IsDeclined)
            {
                return Unit.Value;
            }

            var fallback = pledge.FallbackRecipientId is { } chosen
                ? await db.Recipients.AsNoTracking().Where(r => r.Id == chosen && r.ClaimedAt != null).Select(r => r.Name).SingleOrDefaultAsync(cancellationToken)
                : null;
            var sent = payment.DeadlineReminders;
            if (await db.Payments.Where(p => p.Id == payment.Id && p.DeadlineReminders == sent)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.DeadlineReminders, due), cancellationToken) == 0)
            {
                return Unit.Value;
            }

            var reminder = new DeadlineReminderMail(pledge.Email, station.Name, payment.Currency.Code, payment.Gross, payment.PaidAt, deadline, fallback, urls.MyGiving());
            if (!await PaymentMails.TrySendAsync(db, mailer, logger, reminder, payment.Id, PaymentMailKind.DeadlineReminder, delivery, now, cancellationToken))
            {
                await db.Payments.Where(p => p.Id == payment.Id && p.DeadlineReminders == due)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.DeadlineReminders, sent), cancellationToken);
            }

            return Unit.Value;
        }
    }
}
