namespace EmanciPay.Application.Features.Reconciliation;

public sealed class ReconciliationOptions
{
    public const string Section = "Reconciliation";

    /// <summary>Periods longer than this are read through the Reporting API instead of the list API.</summary>
    public TimeSpan ListApiLimit { get; set; } = TimeSpan.FromDays(2);

    /// <summary>
    /// How far either side may lag the other around the period's edges (a webhook posts after Stripe records the
    /// charge): items this close outside the period are read to match ones inside it, never reported themselves.
    /// </summary>
    public TimeSpan EdgeTolerance { get; set; } = TimeSpan.FromHours(6);
}
