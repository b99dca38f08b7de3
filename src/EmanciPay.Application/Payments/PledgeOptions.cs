namespace EmanciPay.Application.Payments;

/// <summary>The "Pledges" configuration section.</summary>
public sealed class PledgeOptions
{
    public const string Section = "Pledges";

    /// <summary>In minor units: 1.00 USD.</summary>
    public long MinimumAmount { get; set; } = 100;

    /// <summary>In minor units: 10,000.00 USD.</summary>
    public long MaximumAmount { get; set; } = 1_000_000;

    /// <summary>Lower-case ISO 4217 codes listeners may pledge in.</summary>
    public IReadOnlyList<string> Currencies { get; set; } = ["usd"];

    public IReadOnlyList<long> SuggestedAmounts { get; set; } = [500, 1000, 2500, 5000];

    /// <summary>How long escrow for an unclaimed station is held before each pledge is refunded (Escrow:UnclaimedHoldDays).</summary>
    public int UnclaimedHoldDays { get; set; } = 90;

    public decimal FeePercent { get; set; } = 2.9m;

    public long FeeFixed { get; set; } = 30;
}
