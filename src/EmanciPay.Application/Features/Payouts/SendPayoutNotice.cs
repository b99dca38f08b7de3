using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Domain.Payouts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Payouts;

/// <summary>
/// Tells a station's managers how a payout ended: paid, failed (and why, and that the money is available again) or
/// rejected by finance. Once per payout: a notice sent is recorded, and a job run again sends nothing (unless it dies
/// between sending and committing: mail is at least once). A mail that fails fails the job, which Hangfire retries.
/// </summary>
public static class SendPayoutNotice
{
    [AllowedFor(Sender.System)]
    public sealed record Command(Guid PayoutId) : ICommand, ICallsOut;

    /// <summary>The outcome of a payout of <paramref name="Amount"/> minor units of <paramref name="Currency"/>; <paramref name="Reason"/> when it did not go through.</summary>
    public sealed record PayoutNoticeMail(string To, string StationName, string Slug, PayoutStatus Status, long Amount, string Currency, string? Reason, Guid PayoutId) : MailMessage(To);

    public sealed class Handler(IAppDbContext db, IUserAccounts accounts, IMailer mailer, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var payout = await db.Payouts.SingleOrDefaultAsync(p => p.Id == command.PayoutId, cancellationToken);
            if (payout is not { IsFinished: true, NoticeSentAt: null })
            {
                return Unit.Value;
            }

            var station = await db.Recipients.AsNoTracking().SingleAsync(r => r.Id == payout.RecipientId, cancellationToken);
            foreach (var address in await accounts.StationManagerEmailsAsync(payout.RecipientId, cancellationToken))
            {
                await mailer.SendAsync(new PayoutNoticeMail(address, station.Name, station.Slug, payout.Status, payout.Amount, payout.Currency.Code, payout.Reason, payout.Id), cancellationToken);
            }

            payout.MarkNoticeSent(clock.GetUtcNow());
            return Unit.Value;
        }
    }
}
