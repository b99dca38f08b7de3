using EmanciPay.Application.Common;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Monetary;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Application.Features.Payouts;

/// <summary>
/// A station's schedule came due: pay out everything available, if that reaches the schedule's minimum and the
/// station's Stripe account can receive it and the station has agreed to its listeners' terms, and move the schedule to
/// its next date either way (a date set aside for want of the terms is logged, and the portal says why). Safe to run twice: a
/// schedule no longer due is left alone, and its next date is the concurrency token, so two runs at once make one payout.
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

            var payoutsEnabled = await db.ConnectedAccounts.AnyAsync(a => a.RecipientId == command.StationId && a.PayoutsEnabled, cancellationToken);
            var escrow = await ledger.EscrowAccountAsync(command.StationId, currency, cancellationToken);
            var available = (await ledger.BalanceAsync(escrow.Id, cancellationToken)).AvailableCredit;
            if (payoutsEnabled && schedule.Warrants(available) && !await PayoutTerms.AgreedAsync(db, command.StationId, cancellationToken))
            {
                LogSetAside(logger, command.StationId);
            }
            else if (payoutsEnabled && schedule.Warrants(available))
            {
                try
                {
                    await requests.RequestAsync(command.StationId, available, currency, PayoutViews.ScheduleRequester, cancellationToken);
                }
                catch (ValidationException)
                {
                    // A manager's payout reserved some of it a moment ago: this date passes, the next one pays what is left.
                }
            }

            schedule.Advance(now);
            return Unit.Value;
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "Station {StationId}: a scheduled payout was set aside, the station has not agreed to its listeners' terms")]
        private static partial void LogSetAside(ILogger logger, Guid stationId);
    }
}
