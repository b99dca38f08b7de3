using EmanciPay.Application.Common;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Ledger;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Portal;

/// <summary>
/// A station's portal home, for its managers: per currency what its escrow can pay out now, what is reserved for
/// payouts under way (the escrow's pending debits) and what has been paid out (the posted payout entries on it); how
/// many people have given to it; and what Stripe last reported of its connected account.
/// </summary>
public static class GetPortal
{
    [AllowedFor(Sender.StationManager)]
    public sealed record Query(Guid StationId) : IQuery<Portal>, IStationMessage;

    /// <summary>Minor units of <paramref name="Currency"/> (lower-case ISO 4217).</summary>
    public sealed record Escrow(string Currency, long Available, long Reserved, long PaidOut);

    /// <param name="Connected">Whether the station has a Stripe connected account at all.</param>
    /// <param name="CurrentlyDue">What Stripe still requires (its <c>requirements.currently_due</c> field names).</param>
    public sealed record Connect(bool Connected, bool PayoutsEnabled, bool DetailsSubmitted, IReadOnlyList<string> CurrentlyDue, string? DisabledReason);

    /// <param name="Supporters">People (accounts, or addresses for guests) with at least one successful payment to the station.</param>
    public sealed record Portal(Guid StationId, string Slug, string Name, string CallSign, bool Claimed, IReadOnlyList<Escrow> Escrow, int Supporters, Connect Connect);

    public sealed class Handler(IAppDbContext db, LedgerBook ledger) : IQueryHandler<Query, Portal>
    {
        public async ValueTask<Portal> Handle(Query query, CancellationToken cancellationToken)
        {
            var station = await db.Recipients.AsNoTracking().SingleOrDefaultAsync(r => r.Id == query.StationId, cancellationToken)
                ?? throw new NotFoundException("Station", query.StationId.ToString());
            var balances = await ledger.EscrowBalancesAsync(station.Id, cancellationToken);
            var accountIds = balances.Select(e => e.Account.Id).ToList();
            var paidOut = await db.LedgerTransfers.AsNoTracking()
                .Where(t => accountIds.Contains(t.DebitAccountId) && (t.Kind == TransferKind.Posted || t.Kind == TransferKind.PostPending))
                .Join(db.JournalEntries.Where(e => e.CauseType == EntryCauseType.Payout), t => t.EntryId, e => e.Id, (t, _) => t)
                .GroupBy(t => t.DebitAccountId)
                .Select(g => new { AccountId = g.Key, Amount = g.Sum(t => t.Amount) })
                .ToDictionaryAsync(p => p.AccountId, p => p.Amount, cancellationToken);
            var escrow = balances.Select(e => new Escrow(
                e.Account.Currency.Code.ToLowerInvariant(), e.Balance.AvailableCredit, e.Balance.DebitsPending, paidOut.GetValueOrDefault(e.Account.Id))).ToList();

            // A guest and the account that later proved the same address are one person once their pledges are linked;
            // a guest's address is compared in lower case (SQL LOWER: no culture of ours is involved).
#pragma warning disable CA1304, CA1311
            var supporters = await db.Pledges.AsNoTracking()
                .Where(p => p.RecipientId == station.Id && db.Payments.Any(x => x.PledgeId == p.Id))
                .Select(p => p.ListenerId ?? p.Email.ToLower())
                .Distinct()
                .CountAsync(cancellationToken);
#pragma warning restore CA1304, CA1311
            var connected = await db.ConnectedAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.RecipientId == station.Id, cancellationToken);
            var connect = connected is null
                ? new Connect(false, false, false, [], null)
                : new Connect(true, connected.PayoutsEnabled, connected.DetailsSubmitted, connected.CurrentlyDueFields, connected.DisabledReason);
            return new Portal(station.Id, station.Slug, station.Name, station.CallSign, station.IsClaimed, escrow, supporters, connect);
        }
    }
}
