using System.Collections.Frozen;
using EmanciPay.Application.Common;
using EmanciPay.Application.Ledger;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payouts;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Payouts;

/// <summary>
/// Stripe's transfer events. A transfer made for one of our payouts (our id in its metadata) marks it paid and posts
/// its reservation, which the transfer job does too: whichever comes first posts, the other finds it done, so an event
/// arriving before the job's own commit is harmless. A reversal of a paid payout's transfer gives the amount back to the
/// station's escrow, once per reversal. The events carry the transfer as Stripe signed it, so nothing is read from Stripe.
/// </summary>
public sealed class PayoutTransferEvents(IAppDbContext db, ITransferGateway gateway, PayoutBooks books, LedgerBook ledger) : IStripeEventsHandler
{
    public static readonly FrozenSet<string> Types = FrozenSet.Create(StringComparer.Ordinal, "transfer.created", "transfer.updated", "transfer.reversed");

    public IReadOnlyCollection<string> EventTypes => Types;

    public Task<StripeEventReading> ReadAsync(IReadOnlyList<StripeEvent> events, CancellationToken cancellationToken) =>
        Task.FromResult<StripeEventReading>(new Reading(events.Select(e => gateway.ReadTransferEvent(e.Payload)).OfType<TransferSnapshot>().Where(t => t.PayoutId is not null).ToList()));

    public async Task ApplyAsync(IReadOnlyList<StripeEvent> events, StripeEventReading reading, CancellationToken cancellationToken)
    {
        var ids = events.Select(e => e.ObjectId).ToHashSet(StringComparer.Ordinal);
        var transfers = ((Reading)reading).Transfers.Where(t => ids.Contains(t.Id)).ToList();
        var payoutIds = transfers.Select(t => t.PayoutId!.Value).Distinct().ToList();
        var payouts = await db.Payouts.Where(p => payoutIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        foreach (var transfer in transfers)
        {
            if (!payouts.TryGetValue(transfer.PayoutId!.Value, out var payout) || payout.TransferId is { } known && known != transfer.Id)
            {
                continue;
            }

            await books.MarkPaidAsync(payout, transfer.Id, cancellationToken);
            if (payout.Status != PayoutStatus.Paid)
            {
                // A payout that failed or was rejected gave its reservation back already: a reversal would give it twice.
                continue;
            }

            foreach (var reversal in transfer.Reversals)
            {
                var stripe = await ledger.PlatformAccountAsync(PlatformAccount.StripeBalance, payout.Currency, cancellationToken);
                var escrow = await ledger.EscrowAccountAsync(payout.RecipientId, payout.Currency, cancellationToken);
                await ledger.PostAsync(
                    new EntryCause(EntryCauseType.TransferReversal, reversal.Id),
                    $"Transfer {transfer.Id} of payout {payout.Id} reversed",
                    [new TransferRequest.Post(stripe.Id, escrow.Id, new Money(reversal.Amount, payout.Currency))],
                    cancellationToken);
            }
        }
    }

    private sealed record Reading(IReadOnlyList<TransferSnapshot> Transfers) : StripeEventReading;
}
