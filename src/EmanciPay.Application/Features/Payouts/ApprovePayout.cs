using EmanciPay.Application.Common;
using EmanciPay.Domain.Payouts;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Payouts;

/// <summary>Finance approves a payout above the approval limit; its transfer job goes out after commit. The requester cannot approve their own.</summary>
public static class ApprovePayout
{
    [AllowedFor(Sender.Finance)]
    public sealed record Command(Guid PayoutId) : ICommand<PayoutView>;

    public sealed class Handler(IAppDbContext db, ICurrentUser user, IBackgroundJobs jobs, TimeProvider clock) : ICommandHandler<Command, PayoutView>
    {
        public async ValueTask<PayoutView> Handle(Command command, CancellationToken cancellationToken)
        {
            var payout = await PayoutDecisions.AwaitingAsync(db, user, command.PayoutId, "approved", cancellationToken);
            payout.Approve(user.UserId!, clock.GetUtcNow());
            jobs.EnqueueAfterCommit(new TransferPayout.Command(payout.Id));
            return PayoutViews.View(payout);
        }
    }
}

internal static class PayoutDecisions
{
    /// <summary>The payout, if it awaits a decision and the deciding user did not request it (then 403).</summary>
    public static async Task<Payout> AwaitingAsync(IAppDbContext db, ICurrentUser user, Guid payoutId, string decision, CancellationToken cancellationToken)
    {
        var payout = await db.Payouts.SingleOrDefaultAsync(p => p.Id == payoutId, cancellationToken) ?? throw new NotFoundException("Payout", payoutId.ToString());
        if (payout.RequestedBy == user.UserId)
        {
            throw new AccessDeniedException($"a decision on a payout you requested yourself (another finance user must decide)");
        }

        if (payout.Status != PayoutStatus.AwaitingApproval)
        {
            throw new ValidationException([new ValidationFailure("Status", $"This payout is {PayoutViews.StatusName(payout.Status)}; only one awaiting approval can be {decision}.")]);
        }

        return payout;
    }
}
