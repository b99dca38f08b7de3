using EmanciPay.Application.Common;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Finance;

/// <summary>
/// The ledger's postings, newest first, a page at a time, filtered by account, dates, cause and amount. Paged by keyset
/// (<see cref="PostingPages"/>), so a page costs the same on the ten-millionth posting as on the first.
/// </summary>
public static class BrowseLedger
{
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 200;

    /// <param name="Account">A platform account's code (stripe:balance, fees:processing, fees:platform, suspense) or a station's slug for its escrow.</param>
    /// <param name="From">The first UTC day, included.</param>
    /// <param name="To">The last UTC day, included.</param>
    /// <param name="Cause">payment, fee, payout, refund, expiry-refund, transfer-reversal, dispute or adjustment.</param>
    [AllowedFor(Sender.Finance, Sender.Admin)]
    public sealed record Query(
        string? Account = null,
        string? Currency = null,
        DateOnly? From = null,
        DateOnly? To = null,
        string? Cause = null,
        string? CauseId = null,
        long? MinAmount = null,
        long? MaxAmount = null,
        string? Cursor = null,
        int PageSize = DefaultPageSize) : IQuery<Page>;

    /// <param name="Kind">posted, pending (a reservation), post_pending (a reservation posted) or void_pending (one released).</param>
    /// <param name="DebitBalanceAfter">The debit account's balance (its counter row's, for a hot account) after the posting; null for reservations.</param>
    public sealed record Line(
        DateTimeOffset PostedAt, Guid EntryId, int Sequence, string Kind, string Cause, string CauseId, string Description,
        string DebitAccount, string CreditAccount, string Currency, long Amount, long? DebitBalanceAfter, long? CreditBalanceAfter);

    /// <param name="NextCursor">Pass it back as the cursor for the next (older) page; null on the last page.</param>
    public sealed record Page(IReadOnlyList<Line> Lines, string? NextCursor);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Account).MaximumLength(100).WithoutControlCharacters();
            RuleFor(q => q.Currency).Must(c => c is null || Domain.Monetary.Currency.TryParse(c, out _)).WithMessage("'Currency' must be a three-letter code such as usd.");
            RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null).WithMessage("'To' must be on or after 'From'.");
            RuleFor(q => q.Cause).Must(c => c is null || Enum.GetValues<EntryCauseType>().Any(t => EntryCause.CodeOf(t) == c))
                .WithMessage("'Cause' must be one of payment, fee, payout, refund, expiry-refund, transfer-reversal, dispute, adjustment.");
            RuleFor(q => q.CauseId).MaximumLength(JournalEntry.MaxIdempotencyKeyLength).WithoutControlCharacters();
            RuleFor(q => q.CauseId).Null().When(q => q.Cause is null).WithMessage("Choose the cause the id belongs to.");
            RuleFor(q => q.MinAmount).GreaterThanOrEqualTo(0);
            RuleFor(q => q.MaxAmount).GreaterThanOrEqualTo(q => q.MinAmount ?? 0);
            RuleFor(q => q.Cursor).Must(PostingPosition.IsValid).WithMessage("'Cursor' is not a cursor this ledger gave.");
            RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize);
        }
    }

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Page>
    {
        public async ValueTask<Page> Handle(Query query, CancellationToken cancellationToken)
        {
            Currency? currency = query.Currency is null ? null : Domain.Monetary.Currency.Parse(query.Currency);
            var filter = new PostingFilter(
                query.Account is null ? null : await AccountIdsAsync(db, query.Account, currency, cancellationToken),
                currency,
                query.From is { } from ? LedgerHistory.StartOf(from) : null,
                query.To is { } to ? LedgerHistory.EndOf(to) : null,
                query.Cause is null ? null : EntryCause.TypeOf(query.Cause),
                query.CauseId,
                query.MinAmount,
                query.MaxAmount);
            var (rows, next) = await PostingPages.ReadAsync(db, filter, query.Cursor, query.PageSize, cancellationToken);
            var accountIds = rows.SelectMany(r => new[] { r.Transfer.DebitAccountId, r.Transfer.CreditAccountId }).Distinct().ToList();
            var codes = await db.LedgerAccounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Code, cancellationToken);
            var lines = rows.Select(r =>
            {
                var t = r.Transfer;
                return new Line(t.PostedAt, t.EntryId, t.Sequence, KindCode(t.Kind), EntryCause.CodeOf(r.CauseType), r.CauseId, r.Description,
                    codes[t.DebitAccountId], codes[t.CreditAccountId], t.Currency.Code.ToLowerInvariant(), t.Amount, t.DebitBalanceAfter, t.CreditBalanceAfter);
            }).ToList();
            return new Page(lines, next);
        }
    }

    public static string KindCode(TransferKind kind) => kind switch
    {
        TransferKind.Posted => "posted",
        TransferKind.Pending => "pending",
        TransferKind.PostPending => "post_pending",
        _ => "void_pending",
    };

    /// <summary>The accounts a platform code or a station's slug names, in one currency or all; 400 naming account when none.</summary>
    internal static async Task<List<Guid>> AccountIdsAsync(IAppDbContext db, string account, Currency? currency, CancellationToken cancellationToken)
    {
        var code = account.Trim().ToLowerInvariant();
        if (!LedgerAccount.TryParsePlatformCode(code, out _))
        {
            var slug = code;
            var station = await db.Recipients.AsNoTracking().Where(r => r.Slug == slug).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(cancellationToken);
            code = station is { } id ? LedgerAccount.EscrowCode(id) : "";
        }

        var accounts = db.LedgerAccounts.AsNoTracking().Where(a => a.Code == code);
        if (currency is { } only)
        {
            accounts = accounts.Where(a => a.Currency == only);
        }

        var ids = await accounts.Select(a => a.Id).ToListAsync(cancellationToken);
        return ids.Count > 0 ? ids : throw new ValidationException([new ValidationFailure(nameof(Query.Account), "No ledger account by that name: give stripe:balance, fees:processing, fees:platform, suspense or a station's slug.")]);
    }
}
