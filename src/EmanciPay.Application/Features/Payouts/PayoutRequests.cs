using EmanciPay.Application.Common;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payouts;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Payouts;

/// <summary>
/// Makes a payout, for a manager's request and for a schedule alike, inside the caller's transaction: the payout row
/// and the reservation of its amount in escrow commit together, and the reservation is the ledger's one conditional
/// update, so two requests racing for the same escrow can never reserve more than it holds: the loser is refused.
/// </summary>
public sealed class PayoutRequests(IAppDbContext db, LedgerBook ledger, IBackgroundJobs jobs, IOptions<PayoutOptions> options, TimeProvider clock)
{
    public const string AccountNotReady = "Payouts start once the station's Stripe account can receive them: finish connecting it on the Connect page.";

    public static EntryCause Cause(Guid payoutId, string step) => new(EntryCauseType.Payout, payoutId.ToString(), step);

    /// <summary>Reserves and records the payout (of everything available when <paramref name="amount"/> is null); an approved one's transfer job goes out after commit.</summary>
    /// <exception cref="ValidationException">
    /// Keyed <c>Amount</c> or <c>Currency</c>: nothing to pay out, more than is available, or no Stripe account able to
    /// receive it; keyed <c>Terms</c>: the station has not agreed to its listeners' terms.
    /// </exception>
    public async Task<Payout> RequestAsync(Guid stationId, long? amount, Currency currency, string requestedBy, CancellationToken cancellationToken)
    {
        var account = await db.ConnectedAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.RecipientId == stationId, cancellationToken);
        if (account is not { PayoutsEnabled: true })
        {
            throw Refused("Currency", AccountNotReady);
        }

        if (!await PayoutTerms.AgreedAsync(db, stationId, cancellationToken))
        {
            throw Refused("Terms", PayoutTerms.NotAgreed);
        }

        var escrow = await ledger.EscrowAccountAsync(stationId, currency, cancellationToken);
        var available = (await ledger.BalanceAsync(escrow.Id, cancellationToken)).AvailableCredit;
        var requested = amount ?? available;
        if (requested <= 0)
        {
            throw Refused("Amount", amount is null ? $"There is nothing available to pay out in {currency}." : "'Amount' must be more than 0 (in minor units, cents).");
        }

        var stripe = await ledger.PlatformAccountAsync(PlatformAccount.StripeBalance, currency, cancellationToken);
        var payout = Payout.Request(stationId, requested, currency, requestedBy, options.Value.ApprovalLimit, clock.GetUtcNow());
        try
        {
            // The reservation's ledger transfer takes the payout's id: posting or voiding it later needs nothing else.
            await ledger.PostAsync(
                Cause(payout.Id, "reserve"),
                $"Payout {payout.Id} requested",
                [new TransferRequest.Reserve(payout.Id, escrow.Id, stripe.Id, new Money(requested, currency))],
                cancellationToken);
        }
        catch (LedgerException insufficient) when (insufficient.Code == LedgerErrorCode.InsufficientFunds)
        {
            throw Refused("Amount", $"'Amount' is more than is available to pay out in {currency} ({MoneyFormat.Format(available, currency.Code)} a moment ago; another payout may have just reserved some).");
        }

        db.Payouts.Add(payout);
        if (payout.Status == PayoutStatus.Approved)
        {
            jobs.EnqueueAfterCommit(new TransferPayout.Command(payout.Id));
        }

        return payout;
    }

    private static ValidationException Refused(string field, string message) => new([new ValidationFailure(field, message)]);
}
