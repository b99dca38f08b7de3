using EmanciPay.Application.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Finance;

/// <summary>A station's escrow statement over a period, every line oldest first, read as the caller writes it out (CSV).</summary>
public static class ExportEscrowStatement
{
    [AllowedFor(Sender.Finance, Sender.Admin)]
    public sealed record Query(string Slug, DateOnly? From = null, DateOnly? To = null) : IQuery<Result>;

    /// <summary>The station's slug and its lines, read lazily: enumerate once, within the request.</summary>
    public sealed record Result(string Slug, IAsyncEnumerable<GetEscrowStatement.Line> Lines);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Slug).NotEmpty().MaximumLength(40).WithoutControlCharacters();
            RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null).WithMessage("'To' must be on or after 'From'.");
        }
    }

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var (station, escrows) = await GetEscrowStatement.EscrowsAsync(db, query.Slug, cancellationToken);
            var filter = new PostingFilter(
                escrows.Keys.ToList(),
                From: query.From is { } from ? LedgerHistory.StartOf(from) : null,
                Before: query.To is { } to ? LedgerHistory.EndOf(to) : null,
                OnlyPosted: true);
            var rows =
                from t in PostingPages.Oldest(db, filter)
                join e in db.JournalEntries on t.EntryId equals e.Id
                orderby t.PostedAt, t.EntryId, t.Sequence
                select new { Transfer = t, e.CauseType, e.CauseId, e.Description };
            var lines = rows.AsAsyncEnumerable().Select(r =>
                GetEscrowStatement.LineOf(r.Transfer, r.CauseType, r.CauseId, r.Description, escrows.ContainsKey(r.Transfer.DebitAccountId)));
            return new Result(station.Slug, lines);
        }
    }
}
