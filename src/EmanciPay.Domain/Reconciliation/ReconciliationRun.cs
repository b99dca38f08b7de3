namespace EmanciPay.Domain.Reconciliation;

public enum ReconciliationStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>
/// One comparison of a period's Stripe balance transactions with the ledger: the period [From, To), how Stripe was read
/// (the list API for small periods, a Reporting API report for large ones), how far it has got, and what it counted.
/// </summary>
public sealed class ReconciliationRun
{
    public const int MaxFailureLength = 500;

    private ReconciliationRun(Guid id, DateTimeOffset from, DateTimeOffset to, string? requestedBy, DateTimeOffset requestedAt)
    {
        Id = id;
        From = from;
        To = to;
        RequestedBy = requestedBy;
        RequestedAt = requestedAt;
        Status = ReconciliationStatus.Queued;
    }

    public Guid Id { get; private set; }

    public DateTimeOffset From { get; private set; }

    public DateTimeOffset To { get; private set; }

    /// <summary>The finance user who asked for it; null for the nightly run.</summary>
    public string? RequestedBy { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public ReconciliationStatus Status { get; private set; }

    /// <summary>"list" or "report": how Stripe's side was read.</summary>
    public string? StripeSource { get; private set; }

    /// <summary>0 to 100, for the progress bar.</summary>
    public int Progress { get; private set; }

    public string? Step { get; private set; }

    public long StripeItems { get; private set; }

    public long LedgerItems { get; private set; }

    public long Matched { get; private set; }

    public long Discrepancies { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public string? Failure { get; private set; }

    public bool IsFinished => Status is ReconciliationStatus.Succeeded or ReconciliationStatus.Failed;

    public static ReconciliationRun Request(DateTimeOffset from, DateTimeOffset to, string? requestedBy, DateTimeOffset now)
    {
        if (to <= from)
        {
            throw new ArgumentException("A period ends after it starts.", nameof(to));
        }

        return new ReconciliationRun(Guid.CreateVersion7(now), from.ToUniversalTime(), to.ToUniversalTime(), requestedBy, now);
    }

    public void Start(string stripeSource)
    {
        Status = ReconciliationStatus.Running;
        StripeSource = stripeSource;
        Report(5, "Reading the ledger");
    }

    public void Report(int progress, string step)
    {
        Progress = Math.Clamp(progress, 0, 100);
        Step = step;
    }

    public void Succeed(long stripeItems, long ledgerItems, long matched, long discrepancies, DateTimeOffset now)
    {
        (StripeItems, LedgerItems, Matched, Discrepancies) = (stripeItems, ledgerItems, matched, discrepancies);
        Status = ReconciliationStatus.Succeeded;
        Report(100, "Finished");
        FinishedAt = now;
    }

    public void Fail(string failure, DateTimeOffset now)
    {
        Status = ReconciliationStatus.Failed;
        Failure = failure.Length > MaxFailureLength ? failure[..MaxFailureLength] : failure;
        Step = "Failed";
        FinishedAt = now;
    }
}
