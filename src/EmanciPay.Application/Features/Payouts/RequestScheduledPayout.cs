using EmanciPay.Application.Common;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Monetary;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Application.Features.Payouts;

/// <summary>
/// A station's schedule came due: pay out everything available, if that reaches the schedule's minimum, and move the
/// schedule to its next date. When there is enough but the station's Stripe account cannot receive it or the station
/// has not agreed to its listeners' terms, the date is set aside with that reason on the schedule (the payouts page
/// and API show it) until a later date pays. Safe to run twice: a schedule no longer due is left alone, and its next
/// date is the concurrency token, so two runs at once make one payout.
/// </summary>
public static partial class RequestScheduledPayout
{
    [AllowedFor(Sender.System)]
    public sealed record Command(Guid StationId, string Currency) : ICommand;

    public sealed partial class Handler(IAppDbContext db, PayoutRequests requests, LedgerBook ledger, TimeProvider clock, ILogger<Handler> logger) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var currency = Currency.Parse(command.Currency);
            var schedule = await db.PayoutSchedules.SingleOrDefaultAsync(s => s.RecipientId == command.StationId && s.Currency == currency, cancellationToken);
            if (schedule is null || !schedule.IsDue(now))
            {
                return Unit.Value;
            }

            var escrow = await ledger.EscrowAccountAsync(command.StationId, currency, cancellationToken);
            var available = (await ledger.BalanceAsync(escrow.Id, cancellationToken)).AvailableCredit;
            if (schedule.Warrants(available))
            {
                var unpayable = !await db.ConnectedAccounts.AnyAsync(a => a.RecipientId == command.StationId && a.PayoutsEnabled, cancellationToken) ? PayoutRequests.AccountNotReady
                    : !await PayoutTerms.AgreedAsync(db, command.StationId, cancellationToken) ? PayoutTerms.NotAgreed
                    : null;
                if (unpayable is not null)
                {
                    LogSetAside(logger, command.StationId);
                    schedule.SetAside(unpayable, now);
                    return Unit.Value;
                }

                // A manager's payout reserving some of it since the balance was read makes this throw, and the whole
                // transaction roll back (the ledger's failed reservation included): the schedule stays due, and the job's
                // retry or the next sweep pays what is left.
                await requests.RequestAsync(command.StationId, available, currency, PayoutViews.ScheduleRequester, cancellationToken);
            }

            schedule.Advance(now);
            return Unit.Value;
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "Station {StationId}: a scheduled payout was set aside; the reason is kept on the schedule")]
        private static partial void LogSetAside(ILogger logger, Guid stationId);
    }
}
