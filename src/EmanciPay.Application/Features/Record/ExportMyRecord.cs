using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Terms;
using EmanciPay.Domain.Baskets;
using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Pledges;
using EmanciPay.Domain.Terms;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Record;

/// <summary>
/// Everything the signed-in listener's account holds, and nothing of anyone else's, one section per kind of record:
/// pledges, payments, refunds, fallback choices, each month's basket and how it split, the terms the listener proffers,
/// the agreements to those terms of the stations they gave to, and the listening log. The API sends it as JSON, or as one CSV file per
/// section in a zip. A new kind of record is one more section: a row record, a property of <see cref="ListenerRecord"/>
/// and a read in the handler (and its CSV file in RecordApi and its words in OpenApiRecordFields).
/// </summary>
public static class ExportMyRecord
{
    [AllowedFor(Sender.Listener)]
    public sealed record Query(string ListenerId) : IQuery<ListenerRecord>;

    public sealed record ListenerRecord(
        string ListenerId,
        string? Email,
        DateTimeOffset ExportedAt,
        IReadOnlyList<PledgeRow> Pledges,
        IReadOnlyList<PaymentRow> Payments,
        IReadOnlyList<RefundRow> Refunds,
        IReadOnlyList<FallbackRow> FallbackChoices,
        IReadOnlyList<BasketRow> BasketSplits,
        IReadOnlyList<TermRow> Terms,
        IReadOnlyList<AgreementRow> Agreements,
        IReadOnlyList<ListeningRow> Listening);

    public sealed record PledgeRow(
        Guid Id, string Station, string StationName, string Frequency, string Status, long Amount, long Charged, long EstimatedFee, string Currency,
        bool CoverFee, bool Anonymous, string? Message, string Email, DateTimeOffset CreatedAt, DateTimeOffset? PaidAt, DateTimeOffset? CancelledAt,
        DateTimeOffset? NextChargeAt, int PaymentsCount, string? FailureReason);

    public sealed record PaymentRow(
        Guid Id, Guid PledgeId, string Station, string PaymentIntentId, DateTimeOffset PaidAt, long Gross, long Fee, long Net, string Currency,
        DateTimeOffset? ReceiptSentAt, string Disposal, string? MovedTo, DateTimeOffset? MovedAt);

    /// <param name="Kind">refund (by finance or Stripe's dashboard) or expiry (the station never claimed it in time).</param>
    public sealed record RefundRow(Guid PaymentId, string Station, string Kind, long Amount, string Currency, string Status, string? Reason, DateTimeOffset At, string? StripeRefundId);

    /// <param name="Choice">refund (the default) or move, to <paramref name="FallbackStation"/>.</param>
    public sealed record FallbackRow(Guid PledgeId, string Station, string Choice, string? FallbackStation, bool StationDecided);

    /// <summary>One month's basket, charged as one payment, and its split back to the stations to the cent.</summary>
    public sealed record BasketRow(
        Guid Id, DateOnly Period, string Status, string Currency, long Amount, long Fee, long Net, DateTimeOffset? PaidAt, string? PaymentIntentId, IReadOnlyList<BasketLineRow> Lines);

    /// <param name="Kind">monthly, per_use or one_time.</param>
    public sealed record BasketLineRow(Guid PledgeId, string Station, string Kind, long Amount, long Fee, long Net);

    /// <param name="ChosenAt">When the listener last chose their terms; null while they proffer the defaults.</param>
    public sealed record TermRow(string Id, int Version, string? Choice, string Title, string Text, DateTimeOffset? ChosenAt);

    /// <summary>The signed agreement in force of a station the listener gave to, with the exact text and signature to check.</summary>
    public sealed record AgreementRow(Guid Id, string Station, DateTimeOffset AgreedAt, string Terms, bool CoversRoster, string KeyId, string Payload, string Signature);

    public sealed record ListeningRow(Guid Id, string Station, DateTimeOffset StartedAt, int Minutes, DateTimeOffset RecordedAt);

    public sealed class Handler(IAppDbContext db, IUserAccounts accounts, TimeProvider clock) : IQueryHandler<Query, ListenerRecord>
    {
        public async ValueTask<ListenerRecord> Handle(Query query, CancellationToken cancellationToken)
        {
            var id = query.ListenerId;
            var stations = await db.Recipients.AsNoTracking().Select(r => new { r.Id, r.Slug, r.Name, Decided = r.ClaimedAt != null || r.DeclinedAt != null })
                .Where(r => db.Pledges.Any(p => p.ListenerId == id && (p.RecipientId == r.Id || p.FallbackRecipientId == r.Id))
                    || db.ListeningSessions.Any(s => s.ListenerId == id && s.RecipientId == r.Id)
                    || db.Payments.Any(p => p.MovedToRecipientId == r.Id && db.Pledges.Any(x => x.Id == p.PledgeId && x.ListenerId == id)))
                .ToDictionaryAsync(r => r.Id, cancellationToken);
            string Slug(Guid station) => stations[station].Slug;

            var pledges = await db.Pledges.AsNoTracking().Where(p => p.ListenerId == id).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(cancellationToken);
            var pledgeIds = pledges.Select(p => p.Id).ToList();
            var stationOf = pledges.ToDictionary(p => p.Id, p => p.RecipientId);
            var payments = await db.Payments.AsNoTracking().Where(p => pledgeIds.Contains(p.PledgeId)).OrderBy(p => p.PaidAt).ThenBy(p => p.Id).ToListAsync(cancellationToken);
            var paymentIds = payments.Select(p => p.Id).ToList();
            var refunds = await db.Refunds.AsNoTracking().Where(r => paymentIds.Contains(r.PaymentId)).OrderBy(r => r.RequestedAt).ToListAsync(cancellationToken);
            var baskets = await db.Baskets.AsNoTracking().Include(b => b.Lines).Where(b => b.ListenerId == id)
                .OrderBy(b => b.Period).ThenBy(b => b.Id).ToListAsync(cancellationToken);
            var terms = await db.ListenerTerms.AsNoTracking().SingleOrDefaultAsync(t => t.ListenerId == id, cancellationToken) ?? ListenerTerms.Default(id);
            // The stations the listener gave to: their pledges' stations and any a gift was moved to.
            var gaveTo = pledges.Select(p => p.RecipientId).Concat(payments.Where(p => p.MovedToRecipientId is not null).Select(p => p.MovedToRecipientId!.Value)).Distinct().ToList();
            var agreements = await StationAgreements.CurrentAsync(db, gaveTo, cancellationToken);
            var listening = await db.ListeningSessions.AsNoTracking().Where(s => s.ListenerId == id).OrderBy(s => s.StartedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);

            var now = clock.GetUtcNow();
            return new ListenerRecord(
                id,
                (await accounts.EmailsAsync([id], cancellationToken)).GetValueOrDefault(id),
                now,
                pledges.Select(p => new PledgeRow(
                    p.Id, Slug(p.RecipientId), stations[p.RecipientId].Name, Snake(p.Frequency), Snake(p.Status), p.Amount, p.ChargeAmount, p.EstimatedFee, Code(p.Currency.Code),
                    p.CoverFee, p.Anonymous, p.Message, p.Email, p.CreatedAt, p.PaidAt, p.CancelledAt, p.NextChargeAt, p.PaymentsCount, p.FailureReason)).ToList(),
                payments.Select(p => new PaymentRow(
                    p.Id, p.PledgeId, Slug(stationOf[p.PledgeId]), p.PaymentIntentId, p.PaidAt, p.Gross, p.Fee, p.Net, Code(p.Currency.Code),
                    p.ReceiptSentAt, Snake(p.Disposal), p.MovedToRecipientId is { } to ? Slug(to) : null, p.MovedAt)).ToList(),
                refunds.Select(r => new RefundRow(r.PaymentId, Slug(r.RecipientId), "refund", r.Amount, Code(r.Currency.Code), Snake(r.Status), r.Reason, r.CompletedAt ?? r.RequestedAt, r.StripeRefundId))
                    .Concat(payments.Where(p => p.Disposal == ExpiryDisposal.Refund && p.RefundedAt is not null)
                        .Select(p => new RefundRow(p.Id, Slug(stationOf[p.PledgeId]), "expiry", p.Gross, Code(p.Currency.Code), "succeeded", null, p.RefundedAt!.Value, p.RefundId)))
                    .ToList(),
                pledges.Where(p => p.FallbackRecipientId is not null || (p.Status != PledgeStatus.Expired && !stations[p.RecipientId].Decided))
                    .Select(p => new FallbackRow(p.Id, Slug(p.RecipientId), p.FallbackRecipientId is null ? "refund" : "move", p.FallbackRecipientId is { } to ? Slug(to) : null, stations[p.RecipientId].Decided))
                    .ToList(),
                baskets.Select(b => new BasketRow(
                    b.Id, b.Period, Snake(b.Status), Code(b.Currency.Code), b.Amount, b.Fee, b.Amount - b.Fee, b.PaidAt, b.PaymentIntentId,
                    b.Lines.Select(l => new BasketLineRow(l.PledgeId, Slug(l.RecipientId), Snake(l.Kind), l.Amount, l.Fee, l.Net)).ToList())).ToList(),
                terms.Chosen(now).Select(t => new TermRow(t.Id, t.Version, t.Choice, t.Title, t.Text, terms.ChangedAt)).ToList(),
                agreements.Values.OrderBy(a => Slug(a.RecipientId), StringComparer.Ordinal)
                    .Select(a => new AgreementRow(a.Id, Slug(a.RecipientId), a.AgreedAt, a.Terms, a.CoversRoster(), a.KeyId, a.Payload, a.Signature)).ToList(),
                listening.Select(s => new ListeningRow(s.Id, Slug(s.RecipientId), s.StartedAt, s.Minutes, s.RecordedAt)).ToList());
        }

        private static string Code(string currency) => currency.ToLowerInvariant();

        private static string Snake<TEnum>(TEnum value)
            where TEnum : struct, Enum => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
    }
}
