using EmanciPay.Application.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Finance;

/// <summary>
/// Every posting between two UTC days, oldest first, with its entry's cause and both accounts, for a CSV export. The
/// rows are read from the database as the caller writes them out, so an export of millions holds a handful in memory.
/// </summary>
public static class ExportLedgerEntries
{
    [AllowedFor(Sender.Finance, Sender.Admin)]
    public sealed record Query(DateOnly? From = null, DateOnly? To = null) : IQuery<Result>;

    /// <summary>The rows, read lazily: enumerate once, within the request.</summary>
    public sealed record Result(IAsyncEnumerable<Row> Rows);

    public sealed record Row(
        DateTimeOffset PostedAt, Guid EntryId, int Sequence, string Kind, string Cause, string CauseId, string Description,
        string DebitAccount, string CreditAccount, string Currency, long Amount, long? DebitBalanceAfter, long? CreditBalanceAfter);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null).WithMessage("'To' must be on or after 'From'.");
    }

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Result>
    {
        public ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var postings = db.LedgerTransfers.AsNoTracking();
            if (query.From is { } from)
            {
                var start = LedgerHistory.StartOf(from);
                postings = postings.Where(t => t.PostedAt >= start);
            }

            if (query.To is { } to)
            {
                var end = LedgerHistory.EndOf(to);
                postings = postings.Where(t => t.PostedAt < end);
            }

            var rows =
                from t in postings
                join e in db.JournalEntries on t.EntryId equals e.Id
                join debit in db.LedgerAccounts on t.DebitAccountId equals debit.Id
                join credit in db.LedgerAccounts on t.CreditAccountId equals credit.Id
                orderby t.PostedAt, t.EntryId, t.Sequence
                select new { t.PostedAt, t.EntryId, t.Sequence, t.Kind, e.CauseType, e.CauseId, e.Description, Debit = debit.Code, Credit = credit.Code, t.Currency, t.Amount, t.DebitBalanceAfter, t.CreditBalanceAfter };
            var lines = rows.AsAsyncEnumerable().Select(r => new Row(
                r.PostedAt, r.EntryId, r.Sequence, BrowseLedger.KindCode(r.Kind), Domain.Ledger.EntryCause.CodeOf(r.CauseType), r.CauseId, r.Description,
                r.Debit, r.Credit, r.Currency.Code.ToLowerInvariant(), r.Amount, r.DebitBalanceAfter, r.CreditBalanceAfter));
            return ValueTask.FromResult(new Result(lines));
        }
    }
}
