using EmanciPay.Application.Common;
using EmanciPay.Application.Ledger;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Escrow;

/// <summary>
/// Carries out a listener's fallback at the end of an unclaimed hold, or at once when the station declines to join: what
/// the payment put in escrow (its net) moves to
/// the station they chose, a ledger transfer between escrows with no new charge and no second fee. The payment is
/// claimed for this disposal by one conditional update in the same transaction, so it is never also refunded. Safe to
/// run twice; a payment not due, already disposed of, or whose chosen station cannot take it is left to the refund.
/// </summary>
public static class MoveExpiredGift
{
    [AllowedFor(Sender.System)]
    public sealed record Command(Guid PaymentId) : ICommand;

    public sealed class Handler(IAppDbContext db, LedgerBook ledger, IBackgroundJobs jobs, IOptions<PledgeOptions> options, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.PaymentId, cancellationToken);
            if (payment is not { Disposal: ExpiryDisposal.None })
            {
                return Unit.Value;
            }

            var pledge = await db.Pledges.AsNoTracking().SingleAsync(p => p.Id == payment.PledgeId, cancellationToken);
            var from = await db.Recipients.AsNoTracking().SingleAsync(r => r.Id == pledge.RecipientId, cancellationToken);
            var to = pledge.FallbackRecipientId is { } chosen ? await db.Recipients.AsNoTracking().SingleAsync(r => r.Id == chosen, cancellationToken) : null;
            var due = from.IsDeclined || payment.PaidAt <= now.AddDays(-options.Value.UnclaimedHoldDays);
            if (!due || from.IsClaimed || to is not { IsClaimed: true })
            {
                return Unit.Value;
            }

            var claimed = await db.Payments
                .Where(p => p.Id == payment.Id && p.Disposal == ExpiryDisposal.None)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Disposal, ExpiryDisposal.Move).SetProperty(p => p.MovedToRecipientId, to.Id).SetProperty(p => p.MovedAt, now), cancellationToken);
            if (claimed == 0)
            {
                return Unit.Value;
            }

            var money = new Money(payment.Net, payment.Currency);
            var source = await ledger.EscrowAccountAsync(from.Id, payment.Currency, cancellationToken);
            var target = await ledger.EscrowAccountAsync(to.Id, payment.Currency, cancellationToken);
            await ledger.PostAsync(
                EntryCause.ExpiryMove(payment.Id),
                from.IsDeclined ? $"{from.CallSign} declined to join: moved to {to.CallSign} as the listener chose" : $"Unclaimed escrow for {from.CallSign} expired: moved to {to.CallSign} as the listener chose",
                [new TransferRequest.Post(source.Id, target.Id, money)],
                cancellationToken);
            jobs.EnqueueAfterCommit(new SendGiftMovedNotice.Command(payment.Id));
            return Unit.Value;
        }
    }
}
