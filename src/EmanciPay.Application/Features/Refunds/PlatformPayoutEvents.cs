using System.Collections.Frozen;
using EmanciPay.Application.Ledger;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;

namespace EmanciPay.Application.Features.Refunds;

/// <summary>
/// Stripe paying the platform's balance out to its bank: the amount moves from stripe:balance to the bank account when
/// Stripe takes it from the balance (the payout is made), and back if the payout fails or is cancelled, so the books
/// follow the money all the way. A connected account's own payouts are the station's business, not ours.
/// </summary>
public sealed class PlatformPayoutEvents(IRefundGateway gateway, LedgerBook ledger) : IStripeEventsHandler
{
    public static readonly FrozenSet<string> Types = FrozenSet.Create(
        StringComparer.Ordinal, "payout.created", "payout.updated", "payout.paid", "payout.failed", "payout.canceled", "payout.reconciliation_completed");

    public IReadOnlyCollection<string> EventTypes => Types;

    public Task<StripeEventReading> ReadAsync(IReadOnlyList<StripeEvent> events, CancellationToken cancellationToken) =>
        Task.FromResult<StripeEventReading>(new Reading(events.ToDictionary(e => e.Id, e => gateway.ReadPayoutEvent(e.Payload), StringComparer.Ordinal)));

    public async Task ApplyAsync(IReadOnlyList<StripeEvent> events, StripeEventReading reading, CancellationToken cancellationToken)
    {
        var read = (Reading)reading;
        // One payout's events in one batch book it once, a failure or cancellation winning.
        var payouts = events.Select(e => read.Payouts.GetValueOrDefault(e.Id)).OfType<PlatformPayoutSnapshot>()
            .GroupBy(p => p.Id, StringComparer.Ordinal)
            .Select(g => g.FirstOrDefault(p => p.Status is "failed" or "canceled") ?? g.First());
        foreach (var payout in payouts)
        {
            var currency = Currency.Parse(payout.Currency);
            var stripe = await ledger.PlatformAccountAsync(PlatformAccount.StripeBalance, currency, cancellationToken);
            var bank = await ledger.PlatformAccountAsync(PlatformAccount.Bank, currency, cancellationToken);
            var amount = new Money(payout.Amount, currency);
            await ledger.PostAsync(new EntryCause(EntryCauseType.PlatformPayout, payout.Id), $"Stripe payout {payout.Id} to the bank", [new TransferRequest.Post(bank.Id, stripe.Id, amount)], cancellationToken);
            if (payout.Status is "failed" or "canceled")
            {
                await ledger.PostAsync(new EntryCause(EntryCauseType.PlatformPayout, payout.Id, "returned"), $"Stripe payout {payout.Id} {payout.Status}: back in the balance", [new TransferRequest.Post(stripe.Id, bank.Id, amount)], cancellationToken);
            }
        }
    }

    private sealed record Reading(IReadOnlyDictionary<string, PlatformPayoutSnapshot?> Payouts) : StripeEventReading;
}
