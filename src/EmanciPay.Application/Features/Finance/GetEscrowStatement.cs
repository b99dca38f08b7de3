using EmanciPay.Application.Common;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Ledger;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Finance;

/// <summary>
/// A station's escrow statement for finance: per currency the balance at the start of the period and at its end, and
/// the postings between, newest first, a page at a time, each with the escrow's balance after it. Opening and closing
/// balances come from running balances, never from summing the history.
/// </summary>
public static class GetEscrowStatement
{
    [AllowedFor(Sender.Finance, Sender.Admin)]
    public sealed record Query(string Slug, DateOnly? From = null, DateOnly? To = null, string? Cursor = null, int PageSize = BrowseLedger.DefaultPageSize) : IQuery<Statement>;

    /// <param name="From">The first UTC day, included; null from the beginning.</param>
    /// <param name="To">The last UTC day, included; null up to now.</param>
    /// <param name="NextCursor">Pass it back as the cursor for the next (older) page of lines; null on the last page.</param>
    public sealed record Statement(string Slug, string Name, DateOnly? From, DateOnly? To, IReadOnlyList<Balance> Balances, IReadOnlyList<Line> Lines, string? NextCursor);

    /// <param name="Opening">What the escrow held before the period, in minor units.</param>
    /// <param name="Closing">What it held at the period's end.</param>
    public sealed record Balance(string Currency, long Opening, long Closing);

    /// <param name="Cause">payment, fee, payout, refund, expiry-refund, transfer-reversal, dispute or adjustment.</param>
    /// <param name="Amount">Minor units into the escrow (positive) or out of it (negative).</param>
    public sealed record Line(DateTimeOffset PostedAt, Guid EntryId, string Cause, string CauseId, string Description, string Currency, long Amount, long BalanceAfter);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Slug).NotEmpty().MaximumLength(40).WithoutControlCharacters();
            RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null).WithMessage("'To' must be on or after 'From'.");
            RuleFor(q => q.Cursor).Must(PostingPosition.IsValid).WithMessage("'Cursor' is not a cursor this statement gave.");
            RuleFor(q => q.PageSize).InclusiveBetween(1, BrowseLedger.MaxPageSize);
        }
    }

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Statement>
    {
        public async ValueTask<Statement> Handle(Query query, CancellationToken cancellationToken)
        {
            var (station, escrows) = await EscrowsAsync(db, query.Slug, cancellationToken);
            var ids = escrows.Keys.ToList();
            var start = query.From is { } from ? LedgerHistory.StartOf(from) : (DateTimeOffset?)null;
            var end = query.To is { } to ? LedgerHistory.EndOf(to) : (DateTimeOffset?)null;
            var opening = start is { } s ? await LedgerHistory.BalancesBeforeAsync(db, ids, s, cancellationToken) : [];
            var closing = await LedgerHistory.BalancesBeforeAsync(db, ids, end ?? DateTimeOffset.MaxValue, cancellationToken);
            var balances = escrows
                .OrderBy(e => e.Value, StringComparer.Ordinal)
                .Select(e => new Balance(e.Value, opening.GetValueOrDefault(e.Key), closing.GetValueOrDefault(e.Key)))
                .ToList();

            var (rows, next) = ids.Count == 0
                ? ([], null)
                : await PostingPages.ReadAsync(db, new PostingFilter(ids, From: start, Before: end, OnlyPosted: true), query.Cursor, query.PageSize, cancellationToken);
            var lines = rows.Select(r => LineOf(r.Transfer, r.CauseType, r.CauseId, r.Description, escrows.ContainsKey(r.Transfer.DebitAccountId))).ToList();
            return new Statement(station.Slug, station.Name, query.From, query.To, balances, lines, next);
        }
    }

    /// <summary>The station a slug names (listed or not: finance sees every escrow) and its escrow accounts with their currencies.</summary>
    internal static async Task<((Guid Id, string Slug, string Name) Station, Dictionary<Guid, string> Escrows)> EscrowsAsync(IAppDbContext db, string slug, CancellationToken cancellationToken)
    {
        var lower = slug.ToLowerInvariant();
        var station = await db.Recipients.AsNoTracking().Where(r => r.Slug == lower).Select(r => new { r.Id, r.Slug, r.Name }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Station", slug);
        var code = LedgerAccount.EscrowCode(station.Id);
        var escrows = await db.LedgerAccounts.AsNoTracking().Where(a => a.Code == code).ToDictionaryAsync(a => a.Id, a => a.Currency.Code.ToLowerInvariant(), cancellationToken);
        return ((station.Id, station.Slug, station.Name), escrows);
    }

    /// <summary>A posting as the escrow sees it: a payment's debit on the escrow is its card fee.</summary>
    internal static Line LineOf(LedgerTransfer t, EntryCauseType causeType, string causeId, string description, bool debited)
    {
        var cause = causeType == EntryCauseType.PledgePayment && debited ? "fee" : EntryCause.CodeOf(causeType);
        var balance = (debited ? t.DebitBalanceAfter : t.CreditBalanceAfter) ?? 0;
        return new Line(t.PostedAt, t.EntryId, cause, causeId, description, t.Currency.Code.ToLowerInvariant(), debited ? -t.Amount : t.Amount, balance);
    }
}
