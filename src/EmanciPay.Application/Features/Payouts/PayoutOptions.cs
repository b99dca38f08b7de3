namespace EmanciPay.Application.Features.Payouts;

/// <summary>The "Payouts" configuration section.</summary>
public sealed class PayoutOptions
{
    public const string Section = "Payouts";

    /// <summary>In minor units: a payout above this waits for a finance user other than its requester (default 1,000.00).</summary>
    public long ApprovalLimit { get; set; } = 100_000;

    /// <summary>An approved payout not finished this long after its approval or last attempt is picked up again by the sweep.</summary>
    public int StuckAfterMinutes { get; set; } = 15;

    public TimeSpan StuckAfter => TimeSpan.FromMinutes(Math.Max(1, StuckAfterMinutes));
}
