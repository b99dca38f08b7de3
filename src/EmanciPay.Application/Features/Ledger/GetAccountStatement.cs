using EmanciPay.Application.Common;
using EmanciPay.Domain.Ledger;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Ledger;

/// <summary>
/// One account's statement over a period [From, To), for finance: the balance before it, each posting in it with the
/// balance after, and the balance at its end, on the account's normal side (an escrow's money reads positive). It is
/// read as ranges on (account, time), never by summing history: the opening balance is, on each of the account's
/// counter rows (one for an escrow, eight for a hot account), the running balance of the last posting before the
/// period; the postings are one index range per side; the closing balance is the opening plus the postings.
/// </summary>
public static class GetAccountStatement
{
    [AllowedFor(Sender.Finance, Sender.Admin)]
    public sealed record Query(Guid AccountId, DateTimeOffset From, DateTimeOffset To) : IQuery<Statement>;

    public sealed record Statement(string AccountCode, string Currency, AccountType Type, DateTimeOffset From, DateTimeOffset To, long OpeningBalance, IReadOnlyList<Line> Lines, long ClosingBalance);

    /// <param name="Balance">The account's balance after this posting.</param>
    public sealed record Line(DateTimeOffset PostedAt, Guid EntryId, EntryCauseType CauseType, string CauseId, string Description, long Debit, long Credit, long Balance);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.AccountId).NotEmpty();
            RuleFor(q => q.To).GreaterThan(q => q.From);
        }
    }

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Statement>
    {
        public async ValueTask<Statement> Handle(Query query, CancellationToken cancellationToken)
        {
            var account = await db.LedgerAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == query.AccountId, cancellationToken)
                ?? throw new NotFoundException("Ledger account", query.AccountId.ToString());
            var opening = 0L;
            for (var slot = 0; slot < account.BalanceSlots; slot++)
            {
                opening += await BalanceBeforeAsync(account.Id, slot, query.From, cancellationToken);
            }

            var postings = await db.LedgerTransfers.AsNoTracking()
                .Where(t => (t.DebitAccountId == account.Id || t.CreditAccountId == account.Id) && t.PostedAt >= query.From && t.PostedAt < query.To && t.DebitSlotSequence != null)
                .Join(db.JournalEntries, t => t.EntryId, e => e.Id, (t, e) => new { Transfer = t, e.CauseType, e.CauseId, e.Description })
                .ToListAsync(cancellationToken);

            // One counter row's postings go in the order they were booked on it; a hot account's rows interleave by time.
            var legs = postings.Select(p => (Posting: p, Leg: (p.Transfer.DebitAccountId == account.Id ? p.Transfer.DebitRunningBalance : p.Transfer.CreditRunningBalance)!.Value));
            var ordered = account.BalanceSlots == 1
                ? legs.OrderBy(l => l.Leg.Sequence)
                : legs.OrderBy(l => l.Posting.Transfer.PostedAt).ThenBy(l => l.Leg.Slot).ThenBy(l => l.Leg.Sequence);
            var balance = opening;
            var lines = new List<Line>(postings.Count);
            foreach (var (posting, _) in ordered)
            {
                var transfer = posting.Transfer;
                var (debit, credit) = transfer.DebitAccountId == account.Id ? (transfer.Amount, 0L) : (0L, transfer.Amount);
                balance = checked(balance + account.PostedBalance(debit, credit));
                lines.Add(new Line(transfer.PostedAt, transfer.EntryId, posting.CauseType, posting.CauseId, posting.Description, debit, credit, balance));
            }

            return new Statement(account.Code, account.Currency.Code, account.Type, query.From, query.To, opening, lines, balance);
        }

        // The running balance of one counter row's last posting before the time: a posting is on one side of it or the
        // other, so each side's index is read backwards from the time, and the later posting (the higher number) wins.
        private async Task<long> BalanceBeforeAsync(Guid accountId, int slot, DateTimeOffset time, CancellationToken cancellationToken)
        {
            var debit = await db.LedgerTransfers.AsNoTracking()
                .Where(t => t.DebitAccountId == accountId && t.DebitSlot == slot && t.PostedAt < time)
                .OrderByDescending(t => t.PostedAt).ThenByDescending(t => t.DebitSlotSequence)
                .Select(t => new { Sequence = t.DebitSlotSequence!.Value, Balance = t.DebitBalanceAfter!.Value })
                .FirstOrDefaultAsync(cancellationToken);
            var credit = await db.LedgerTransfers.AsNoTracking()
                .Where(t => t.CreditAccountId == accountId && t.CreditSlot == slot && t.PostedAt < time)
                .OrderByDescending(t => t.PostedAt).ThenByDescending(t => t.CreditSlotSequence)
                .Select(t => new { Sequence = t.CreditSlotSequence!.Value, Balance = t.CreditBalanceAfter!.Value })
                .FirstOrDefaultAsync(cancellationToken);
            return (debit, credit) switch
            {
                (null, null) => 0,
                (null, { } c) => c.Balance,
                ({ } d, null) => d.Balance,
                ({ } d, { } c) => d.Sequence > c.Sequence ? d.Balance : c.Balance,
            };
        }
    }
}
