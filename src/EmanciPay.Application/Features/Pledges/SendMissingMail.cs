using System.Linq.Expressions;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Claims;
using EmanciPay.Application.Features.Escrow;
using EmanciPay.Domain.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>
/// The sweep: receipts, refund and moved-gift notices and claimed-gift notices whose job was lost (in-memory job storage restarted) or whose last try
/// failed are enqueued again once due, soonest due first, so a mail that keeps failing waits its turn behind the
/// others instead of filling every batch. Mail refused for good is never enqueued again. The database says what is
/// unsent; the jobs skip what has been sent since.
/// </summary>
public static class SendMissingMail
{
    public const int MaxPerSweep = 500;

    [AllowedFor(Sender.System)]
    public sealed record Command : ICommand;

    public sealed class Handler(IAppDbContext db, IBackgroundJobs jobs, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var before = now.AddMinutes(-5);
            var receipts = await Due(p => p.ReceiptSentAt == null && p.PaidAt < before, PaymentMailKind.Receipt, now).ToListAsync(cancellationToken);
            var notices = await Due(p => p.RefundedAt != null && p.RefundNoticeSentAt == null && p.RefundedAt < before, PaymentMailKind.RefundNotice, now)
                .ToListAsync(cancellationToken);
            if (receipts.Count > 0)
            {
                jobs.EnqueueAfterCommit(new SendReceipts.Command(receipts));
            }

            foreach (var paymentId in notices)
            {
                jobs.EnqueueAfterCommit(new SendRefundNotice.Command(paymentId));
            }

            var moved = await Due(p => p.Disposal == ExpiryDisposal.Move && p.MovedNoticeSentAt == null && p.MovedAt < before, PaymentMailKind.GiftMovedNotice, now)
                .ToListAsync(cancellationToken);
            foreach (var paymentId in moved)
            {
                jobs.EnqueueAfterCommit(new SendGiftMovedNotice.Command(paymentId));
            }

            // Claimed-gift notices: one never tried is due once its own job had its chance; a failed one when its wait is over.
            var claimNotices = await db.StationClaimNotices
                .Where(n => n.SentAt == null && n.FailedAt == null && (n.Attempts == 0 ? n.NextAttemptAt < before : n.NextAttemptAt <= now))
                .OrderBy(n => n.NextAttemptAt).Select(n => n.Id).Take(MaxPerSweep).ToListAsync(cancellationToken);
            foreach (var noticeId in claimNotices)
            {
                jobs.EnqueueAfterCommit(new SendClaimedGiftNotice.Command(noticeId));
            }

            return Unit.Value;
        }

        /// <summary>The unsent payments never tried (by when paid) or whose next try is due (by when due), soonest first.</summary>
        private IQueryable<Guid> Due(Expression<Func<Payment, bool>> unsent, PaymentMailKind kind, DateTimeOffset now) =>
            (from payment in db.Payments.Where(unsent)
             join tried in db.MailDeliveries.Where(d => d.Kind == kind) on payment.Id equals tried.PaymentId into deliveries
             from delivery in deliveries.DefaultIfEmpty()
             where delivery == null || (delivery.FailedAt == null && delivery.NextAttemptAt <= now)
             orderby delivery == null ? payment.PaidAt : delivery.NextAttemptAt, payment.Id
             select payment.Id).Take(MaxPerSweep);
    }
}
