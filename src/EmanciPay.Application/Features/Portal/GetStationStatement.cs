using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Terms;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Payments;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Portal;

/// <summary>
/// Every posting on a station's escrow, newest first, with its cause (a payment in, Stripe's fee out, a payout, a
/// refund...) and the escrow's balance after it. A line about a listener's gift shows the listener only as their current
/// terms allow (<see cref="StationSupporters"/>). Pages are read by keyset on (posted at, entry, transfer
/// within it), so a posting made while someone pages never shifts a page: none is skipped or shown twice. The cursor is
/// opaque to callers; from and to are whole UTC days, both included.
/// </summary>
public static class GetStationStatement
{
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 200;

    [AllowedFor(Sender.StationManager)]
    public sealed record Query(Guid StationId, DateOnly? From = null, DateOnly? To = null, string? Cursor = null, int PageSize = DefaultPageSize) : IQuery<Page>, IStationMessage;

    /// <summary>Who gave, as the listener's current terms allow (<see cref="StationSupporters"/>): nothing but that they are anonymous, or their name, email and message where allowed.</summary>
    public sealed record Supporter(bool Anonymous, string? Name, string? Email, string? Message);

    /// <param name="Cause">payment, fee, payout, refund, expiry-refund, transfer-reversal, dispute, recovery or adjustment.</param>
    /// <param name="Amount">Minor units into the escrow (positive) or out of it (negative).</param>
    /// <param name="BalanceAfter">What the escrow held, in this currency, after this posting.</param>
    /// <param name="Supporter">The listener behind a payment, its fee or its refund; null for other postings.</param>
    public sealed record Line(DateTimeOffset PostedAt, Guid EntryId, string Cause, string Currency, long Amount, long BalanceAfter, Supporter? Supporter);

    /// <param name="NextCursor">Pass it as the cursor for the next (older) page; null on the last page.</param>
    public sealed record Page(IReadOnlyList<Line> Entries, string? NextCursor);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.StationId).NotEmpty();
            RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
                .WithMessage("'To' must be on or after 'From'.");
            RuleFor(q => q.Cursor).Must(PostingPosition.IsValid).WithMessage("'Cursor' is not a cursor this statement gave.");
            RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize);
        }
    }

    public sealed class Handler(IAppDbContext db, IUserAccounts accounts, TimeProvider clock) : IQueryHandler<Query, Page>
    {
        public async ValueTask<Page> Handle(Query query, CancellationToken cancellationToken)
        {
            var code = LedgerAccount.EscrowCode(query.StationId);
            var escrows = await db.LedgerAccounts.AsNoTracking().Where(a => a.Code == code).Select(a => a.Id).ToListAsync(cancellationToken);
            var postings = db.LedgerTransfers.AsNoTracking()
                .Where(t => (escrows.Contains(t.DebitAccountId) || escrows.Contains(t.CreditAccountId)) && (t.Kind == TransferKind.Posted || t.Kind == TransferKind.PostPending));
            if (query.From is { } from)
            {
                var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                postings = postings.Where(t => t.PostedAt >= start);
            }

            if (query.To is { } to && to < DateOnly.MaxValue)
            {
                var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                postings = postings.Where(t => t.PostedAt < end);
            }

            if (query.Cursor is not null && PostingPosition.TryParse(query.Cursor, out var after))
            {
                postings = after.Before(postings);
            }

            var rows = await postings
                .OrderByDescending(t => t.PostedAt).ThenByDescending(t => t.EntryId).ThenByDescending(t => t.Sequence)
                .Take(query.PageSize + 1)
                .Join(db.JournalEntries, t => t.EntryId, e => e.Id, (t, e) => new { Transfer = t, e.CauseType, e.CauseId })
                .ToListAsync(cancellationToken);
            rows = rows.OrderByDescending(r => r.Transfer.PostedAt).ThenByDescending(r => r.Transfer.EntryId).ThenByDescending(r => r.Transfer.Sequence).ToList();
            var page = rows.Take(query.PageSize).ToList();
            var supporters = await SupportersAsync(page.Select(r => (r.Transfer.EntryId, r.CauseType, r.CauseId)).ToList(), cancellationToken);

            var lines = page.Select(r =>
            {
                var t = r.Transfer;
                var debited = escrows.Contains(t.DebitAccountId);
                var cause = r.CauseType == EntryCauseType.PledgePayment && debited ? "fee" : EntryCause.CodeOf(r.CauseType);
                var balance = (debited ? t.DebitBalanceAfter : t.CreditBalanceAfter) ?? 0;
                return new Line(t.PostedAt, t.EntryId, cause, t.Currency.Code.ToLowerInvariant(), debited ? -t.Amount : t.Amount, balance, supporters.GetValueOrDefault(t.EntryId));
            }).ToList();
            var next = rows.Count > query.PageSize ? new PostingPosition(page[^1].Transfer.PostedAt, page[^1].Transfer.EntryId, page[^1].Transfer.Sequence).Encode() : null;
            return new Page(lines, next);
        }

        /// <summary>The listener behind each entry that is about one payment: the payment itself, its expiry refund, or a refund of it.</summary>
        private async Task<Dictionary<Guid, Supporter>> SupportersAsync(List<(Guid EntryId, EntryCauseType Type, string CauseId)> entries, CancellationToken cancellationToken)
        {
            var paymentEntries = entries.Where(e => e.Type == EntryCauseType.PledgePayment).Select(e => e.EntryId).Distinct().ToList();
            var expiredPayments = entries.Where(e => e.Type == EntryCauseType.ExpiryRefund).Select(e => Guid.TryParse(e.CauseId, out var id) ? id : Guid.Empty).Distinct().ToList();
            var refunds = entries.Where(e => e.Type is EntryCauseType.Refund or EntryCauseType.Recovery).Select(e => e.CauseId).Distinct().ToList();
            var financeRefunds = refunds.Count == 0 ? [] : await db.Refunds.AsNoTracking()
                .Where(r => r.StripeRefundId != null && refunds.Contains(r.StripeRefundId))
                .ToDictionaryAsync(r => r.StripeRefundId!, r => r.PaymentId, cancellationToken);
            var refundedPayments = financeRefunds.Values.Distinct().ToList();
            if (paymentEntries.Count + expiredPayments.Count + refunds.Count == 0)
            {
                return [];
            }

            var payments = await db.Payments.AsNoTracking()
                .Where(p => paymentEntries.Contains(p.JournalEntryId) || expiredPayments.Contains(p.Id) || refundedPayments.Contains(p.Id) || (p.RefundId != null && refunds.Contains(p.RefundId)))
                .ToListAsync(cancellationToken);
            var pledgeIds = payments.Select(p => p.PledgeId).Distinct().ToList();
            var pledges = await db.Pledges.AsNoTracking().Where(p => pledgeIds.Contains(p.Id)).ToListAsync(cancellationToken);
            var views = await StationSupporters.ForPledgesAsync(db, accounts, clock.GetUtcNow(), pledges, cancellationToken);

            Supporter Of(Payment payment)
            {
                var view = views[payment.PledgeId];
                return new Supporter(view.Anonymous, view.Name, view.Email, view.Message);
            }

            var result = new Dictionary<Guid, Supporter>();
            foreach (var (entryId, type, causeId) in entries)
            {
                var payment = type switch
                {
                    EntryCauseType.PledgePayment => payments.FirstOrDefault(p => p.JournalEntryId == entryId),
                    EntryCauseType.ExpiryRefund => payments.FirstOrDefault(p => p.Id.ToString() == causeId),
                    EntryCauseType.Refund or EntryCauseType.Recovery => financeRefunds.TryGetValue(causeId, out var paymentId)
                        ? payments.FirstOrDefault(p => p.Id == paymentId)
                        : payments.FirstOrDefault(p => p.RefundId == causeId),
                    _ => null,
                };
                if (payment is not null)
                {
                    result[entryId] = Of(payment);
                }
            }

            return result;
        }
    }
}
