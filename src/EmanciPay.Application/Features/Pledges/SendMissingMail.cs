using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Escrow;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>
/// The sweep: receipts and refund notices whose job was lost (in-memory job storage restarted) are enqueued again.
/// The database says what is unsent; the jobs skip what has been sent since.
/// </summary>
public static class SendMissingMail
{
    [AllowedFor(Sender.System)]
    public sealed record Command : ICommand;

    public sealed class Handler(IAppDbContext db, IBackgroundJobs jobs, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var before = clock.GetUtcNow().AddMinutes(-5);
            var receipts = await db.Payments.Where(p => p.ReceiptSentAt == null && p.PaidAt < before).Select(p => p.Id).Take(500).ToListAsync(cancellationToken);
            var notices = await db.Payments.Where(p => p.RefundedAt != null && p.RefundNoticeSentAt == null && p.RefundedAt < before).Select(p => p.Id).Take(500).ToListAsync(cancellationToken);
            if (receipts.Count > 0)
            {
                jobs.EnqueueAfterCommit(new SendReceipts.Command(receipts));
            }

            foreach (var paymentId in notices)
            {
                jobs.EnqueueAfterCommit(new SendRefundNotice.Command(paymentId));
            }

            return Unit.Value;
        }
    }
}
