namespace EmanciPay.Domain.Reconciliation;

/// <summary>A run's counts for one of Stripe's reporting categories (charge, refund, transfer, fee...).</summary>
public sealed class ReconciliationCategory(Guid runId, string category, long stripeItems, long ledgerItems, long matched, long discrepancies)
{
    public Guid RunId { get; private set; } = runId;

    public string Category { get; private set; } = category;

    public long StripeItems { get; private set; } = stripeItems;

    public long LedgerItems { get; private set; } = ledgerItems;

    public long Matched { get; private set; } = matched;

    public long Discrepancies { get; private set; } = discrepancies;
}
