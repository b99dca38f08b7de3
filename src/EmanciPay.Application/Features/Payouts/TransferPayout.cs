using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Payouts;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Application.Features.Payouts;

/// <summary>
/// The transfer job: pays an approved payout to the station's connected account, exactly once however often it runs,
/// concurrently or after a crash. An attempt is claimed in one short transaction (the payout's attempt count is its
/// concurrency token, so of two workers claiming together one stands down); Stripe is called with no transaction open,
/// with the payout's idempotency key (or, once Stripe may have forgotten it, after looking the transfer up); the outcome
/// is recorded in a second transaction. A transient failure waits for the sweep to try again; a final one gives the
/// reservation back and tells the managers why, as does a station that has not agreed to its listeners' terms when the
/// first attempt comes (<see cref="PayoutTerms"/>).
/// </summary>
public static partial class TransferPayout
{
    [AllowedFor(Sender.System)]
    public sealed record Command(Guid PayoutId) : ICommand, ICallsOut;

    private sealed record Attempt(int Number, bool LookUpFirst, PayoutTransfer? Transfer, string? Unpayable);

    public sealed partial class Handler(
        IAppDbContext db,
        IUnitOfWork unitOfWork,
        ITransferGateway gateway,
        PayoutBooks books,
        IDatabaseErrors databaseErrors,
        TimeProvider clock,
        ILogger<Handler> logger) : ICommandHandler<Command>
    {
        private const int MaxRecordAttempts = 3;

        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var attempt = await ClaimAsync(command.PayoutId, cancellationToken);
            if (attempt is null)
            {
                return Unit.Value;
            }

            if (attempt.Transfer is not { } transfer)
            {
                await RecordAsync(command.PayoutId, payout => FailAsync(payout, attempt.Unpayable!, cancellationToken), cancellationToken);
                return Unit.Value;
            }

            TransferSnapshot made;
            try
            {
                made = (attempt.LookUpFirst ? await gateway.FindTransferAsync(transfer.TransferGroup, transfer.PayoutId, cancellationToken) : null)
                    ?? await gateway.CreateTransferAsync(transfer, cancellationToken);
            }
            catch (TransferFailedException failed) when (failed.Failure == TransferFailure.Transient)
            {
                LogTransient(logger, command.PayoutId, attempt.Number);
                await RecordAsync(command.PayoutId, payout =>
                {
                    // Only the attempt that failed waits: a later one (another worker's) may have finished meanwhile.
                    if (payout.Status == PayoutStatus.Transferring && payout.Attempts == attempt.Number)
                    {
                        payout.RetryLater(clock.GetUtcNow());
                    }

                    return Task.CompletedTask;
                }, cancellationToken);
                return Unit.Value;
            }
            catch (TransferFailedException failed)
            {
                LogFinal(logger, command.PayoutId, attempt.Number);
                await RecordAsync(command.PayoutId, payout => FailAsync(payout, failed.Message, cancellationToken), cancellationToken);
                return Unit.Value;
            }

            await RecordAsync(command.PayoutId, payout => books.MarkPaidAsync(payout, made.Id, cancellationToken), cancellationToken);
            return Unit.Value;
        }

        private async Task<Attempt?> ClaimAsync(Guid payoutId, CancellationToken cancellationToken)
        {
            try
            {
                return await unitOfWork.InTransactionAsync(
                    async ct =>
                    {
                        var now = clock.GetUtcNow();
                        var payout = await db.Payouts.SingleOrDefaultAsync(p => p.Id == payoutId, ct);
                        if (payout is not { Status: PayoutStatus.Approved or PayoutStatus.Transferring } || payout.RetryAt > now)
                        {
                            return null;
                        }

                        var account = await db.ConnectedAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.RecipientId == payout.RecipientId, ct);
                        // A first attempt only: once one may have reached Stripe, the transfer must be finished, never abandoned.
                        var agreed = payout.Attempts > 0 || await PayoutTerms.AgreedAsync(db, payout.RecipientId, ct);
                        var lookUpFirst = payout.BeginAttempt(now);
                        return account is null
                            ? new Attempt(payout.Attempts, lookUpFirst, null, "The station has no Stripe account to pay into: connect one, then request the payout again.")
                            : !agreed ? new Attempt(payout.Attempts, lookUpFirst, null, PayoutTerms.NotAgreed)
                            : new Attempt(payout.Attempts, lookUpFirst, new PayoutTransfer(
                                payout.Id, payout.Amount, payout.Currency.Code.ToLowerInvariant(), account.StripeAccountId,
                                LedgerAccount.EscrowCode(payout.RecipientId), payout.TransferIdempotencyKey), null);
                    },
                    cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another worker claimed an attempt at the same moment, and carries on with it; this claim is dropped.
                unitOfWork.Clear();
                LogClaimedElsewhere(logger, payoutId);
                return null;
            }
        }

        /// <summary>The outcome in a second short transaction, on the payout as it is now; run again on losing a race for the ledger's keys.</summary>
        private async Task RecordAsync(Guid payoutId, Func<Payout, Task> record, CancellationToken cancellationToken)
        {
            for (var tries = 1; ; tries++)
            {
                try
                {
                    await unitOfWork.InTransactionAsync(
                        async ct =>
                        {
                            await record(await db.Payouts.SingleAsync(p => p.Id == payoutId, ct));
                            return true;
                        },
                        cancellationToken);
                    return;
                }
                // Stripe's transfer event may post or void the reservation at the same moment: run again and find it done.
                catch (Exception exception) when (tries < MaxRecordAttempts && (exception is DbUpdateConcurrencyException
                    or LedgerException { Code: LedgerErrorCode.ReservationAlreadyResolved } || databaseErrors.IsUniqueViolation(exception)))
                {
                    unitOfWork.Clear();
                }
            }
        }

        // A payout that finished meanwhile (Stripe's event, another worker) keeps its outcome.
        private Task FailAsync(Payout payout, string reason, CancellationToken cancellationToken) =>
            payout.IsFinished ? Task.CompletedTask : books.FailAsync(payout, reason, cancellationToken);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Payout {PayoutId} attempt {Attempt}: Stripe did not answer; the sweep tries again after the backoff")]
        private static partial void LogTransient(ILogger logger, Guid payoutId, int attempt);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Payout {PayoutId} attempt {Attempt}: Stripe refused the transfer; the reservation is released")]
        private static partial void LogFinal(ILogger logger, Guid payoutId, int attempt);

        [LoggerMessage(Level = LogLevel.Information, Message = "Payout {PayoutId}: another worker claimed this attempt")]
        private static partial void LogClaimedElsewhere(ILogger logger, Guid payoutId);
    }
}
