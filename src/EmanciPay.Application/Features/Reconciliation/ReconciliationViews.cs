using EmanciPay.Domain.Reconciliation;

namespace EmanciPay.Application.Features.Reconciliation;

public sealed record DiscrepancyView(
    Guid Id, string SourceId, string Kind, string Category, string Currency, long? StripeAmount, long? LedgerAmount,
    long? StripeFee, long? LedgerFee, DateTimeOffset OccurredAt, string Status, string? Note, string? ResolvedBy,
    DateTimeOffset? ResolvedAt, Guid? AdjustmentEntryId);

public sealed record CategoryView(string Category, long StripeItems, long LedgerItems, long Matched, long Discrepancies);

public sealed record ReconciliationView(
    Guid Id, DateTimeOffset From, DateTimeOffset To, string Status, int Progress, string? Step, string? StripeSource,
    long StripeItems, long LedgerItems, long Matched, long DiscrepancyCount, DateTimeOffset RequestedAt,
    DateTimeOffset? FinishedAt, string? Failure, IReadOnlyList<CategoryView> Categories, IReadOnlyList<DiscrepancyView> Discrepancies);

public static class ReconciliationViews
{
    /// <summary>snake_case words, as Stripe and the rest of our API write states.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static DiscrepancyView View(Discrepancy d) => new(
        d.Id, d.SourceId, Name(d.Kind), d.Category, d.Currency, d.StripeAmount, d.LedgerAmount, d.StripeFee, d.LedgerFee,
        d.OccurredAt, Name(d.Status), d.Note, d.ResolvedBy, d.ResolvedAt, d.AdjustmentEntryId);
}
