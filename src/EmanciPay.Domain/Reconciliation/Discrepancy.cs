namespace EmanciPay.Domain.Reconciliation;

public enum DiscrepancyKind
{
    MissingInLedger,
    MissingAtStripe,
    AmountDiffers,
    FeeDiffers,
    CurrencyDiffers,
}

public enum DiscrepancyStatus
{
    /// <summary>Waiting for finance.</summary>
    Open,

    /// <summary>Finance posted an adjusting entry through suspense.</summary>
    Adjusted,

    /// <summary>Finance explained it with a note; nothing was posted.</summary>
    Explained,

    /// <summary>A later run of its period no longer found it (a webhook that arrived late, say).</summary>
    Cleared,
}

/// <summary>
/// One problem between Stripe and the ledger about one Stripe object (its source id: ch_/pi_, re_, tr_, trr_, dp_, po_).
/// There is one per object and kind however often its period is run: a rerun updates what it sees, never adds another.
/// </summary>
public sealed class Discrepancy
{
    public const int MaxNoteLength = 1000;

    private Discrepancy(Guid id, string sourceId, DiscrepancyKind kind)
    {
        Id = id;
        SourceId = sourceId;
        Kind = kind;
        Category = "";
        Currency = "";
    }

    public Guid Id { get; private set; }

    public string SourceId { get; private set; }

    public DiscrepancyKind Kind { get; private set; }

    /// <summary>Stripe's reporting category, or the ledger's nearest when Stripe has nothing.</summary>
    public string Category { get; private set; }

    /// <summary>Lower-case ISO 4217 as Stripe writes it; Stripe's when both sides have one.</summary>
    public string Currency { get; private set; }

    public string? LedgerCurrency { get; private set; }

    /// <summary>Gross amounts, signed as they move the platform's Stripe balance.</summary>
    public long? StripeAmount { get; private set; }

    public long? LedgerAmount { get; private set; }

    public long? StripeFee { get; private set; }

    public long? LedgerFee { get; private set; }

    /// <summary>When it happened (Stripe's created time, else the entry's), so a rerun of its period can clear it.</summary>
    public DateTimeOffset OccurredAt { get; private set; }

    public Guid FirstRunId { get; private set; }

    public Guid LastRunId { get; private set; }

    public DiscrepancyStatus Status { get; private set; }

    public string? Note { get; private set; }

    public string? ResolvedBy { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public Guid? AdjustmentEntryId { get; private set; }

    public static Discrepancy Find(Guid runId, string sourceId, DiscrepancyKind kind, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), sourceId, kind) { FirstRunId = runId };

    /// <summary>What this run sees. An adjusted one seen again (its adjustment did not settle it) is open again.</summary>
    public void Seen(Guid runId, string category, string currency, string? ledgerCurrency, long? stripeAmount, long? ledgerAmount, long? stripeFee, long? ledgerFee, DateTimeOffset occurredAt)
    {
        LastRunId = runId;
        (Category, Currency, LedgerCurrency) = (category, currency, ledgerCurrency);
        (StripeAmount, LedgerAmount, StripeFee, LedgerFee, OccurredAt) = (stripeAmount, ledgerAmount, stripeFee, ledgerFee, occurredAt);
        if (Status is DiscrepancyStatus.Adjusted or DiscrepancyStatus.Cleared)
        {
            Status = DiscrepancyStatus.Open;
        }
    }

    public void Clear(Guid runId)
    {
        LastRunId = runId;
        Status = DiscrepancyStatus.Cleared;
    }

    /// <summary>What an adjusting entry must add to the ledger's gross and fee for the two sides to agree.</summary>
    public (long Amount, long Fee) Difference() => (
        (StripeAmount ?? 0) - (LedgerAmount ?? 0),
        (StripeFee ?? 0) - (LedgerFee ?? 0));

    public void Adjusted(Guid entryId, string note, string userId, DateTimeOffset now)
    {
        RequireOpen();
        (AdjustmentEntryId, Note, ResolvedBy, ResolvedAt, Status) = (entryId, note, userId, now, DiscrepancyStatus.Adjusted);
    }

    public void Explained(string note, string userId, DateTimeOffset now)
    {
        RequireOpen();
        (Note, ResolvedBy, ResolvedAt, Status) = (note, userId, now, DiscrepancyStatus.Explained);
    }

    private void RequireOpen()
    {
        if (Status != DiscrepancyStatus.Open)
        {
            throw new InvalidOperationException($"Discrepancy {Id} is {Status}, not open.");
        }
    }
}
