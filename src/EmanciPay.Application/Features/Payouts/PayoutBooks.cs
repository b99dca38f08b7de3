using EmanciPay.Application.Common;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Payouts;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Application.Features.Payouts;

/// <summary>
/// How a payout ends, in the caller's transaction: the payout's state, the ledger's reservation posted (paid) or voided
/// (failed, rejected), each under the payout's own cause step, and the managers' notice queued. Every method may run
/// again, from the transfer job or from Stripe's event, whichever comes first: the second changes nothing.
/// </summary>
public sealed partial class PayoutBooks(LedgerBook ledger, IBackgroundJobs jobs, TimeProvider clock, ILogger<PayoutBooks> logger)
{
    public async Task MarkPaidAsync(Payout payout, string transferId, CancellationToken cancellationToken)
    {
        if (payout.Status is PayoutStatus.Failed or PayoutStatus.Rejected)
        {
            // Never expected (a refused transfer is not made): the money left at Stripe while our books gave it back.
            LogTransferAfterFinish(logger, payout.Id, payout.Status);
            return;
        }

        var wasPaid = payout.Status == PayoutStatus.Paid;
        payout.MarkPaid(transferId, clock.GetUtcNow());
        await ledger.PostAsync(PayoutRequests.Cause(payout.Id, "post"), $"Payout {payout.Id} transferred ({transferId})", [new Domain.Ledger.TransferRequest.PostReserved(payout.Id)], cancellationToken);
        if (!wasPaid)
        {
            jobs.EnqueueAfterCommit(new SendPayoutNotice.Command(payout.Id));
        }
    }

    public async Task FailAsync(Payout payout, string reason, CancellationToken cancellationToken)
    {
        payout.Fail(reason, clock.GetUtcNow());
        await VoidAsync(payout, cancellationToken);
    }

    public async Task RejectAsync(Payout payout, string reason, CancellationToken cancellationToken)
    {
        payout.Reject(reason, clock.GetUtcNow());
        await VoidAsync(payout, cancellationToken);
    }

    private async Task VoidAsync(Payout payout, CancellationToken cancellationToken)
    {
        await ledger.PostAsync(PayoutRequests.Cause(payout.Id, "void"), $"Payout {payout.Id} {payout.Status.ToString().ToLowerInvariant()}: reservation released", [new Domain.Ledger.TransferRequest.VoidReserved(payout.Id)], cancellationToken);
        jobs.EnqueueAfterCommit(new SendPayoutNotice.Command(payout.Id));
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Stripe reports a transfer for payout {PayoutId}, which is {Status}: reconcile by hand")]
    private static partial void LogTransferAfterFinish(ILogger logger, Guid payoutId, PayoutStatus status);
}
