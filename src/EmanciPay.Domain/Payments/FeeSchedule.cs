namespace EmanciPay.Domain.Payments;

/// <summary>What a listener is charged, what the processor keeps and what the station receives, shown before paying.</summary>
public sealed record PledgeQuote(long Pledged, long Charged, long Fee, long NetToStation);

/// <summary>
/// The card processor's price: a percentage rounded half away from zero, plus a fixed amount (Stripe US cards:
/// 2.9% + 30 cents). Used to tell the listener the fee before paying; the ledger posts the fee Stripe actually took.
/// </summary>
public sealed record FeeSchedule(decimal Percent, long Fixed)
{
    public static FeeSchedule StripeUsCards { get; } = new(2.9m, 30);

    public long FeeFor(long charge) => (long)Math.Round(charge * Percent / 100m, MidpointRounding.AwayFromZero) + Fixed;

    /// <summary>The smallest charge that leaves at least <paramref name="net"/> after the fee: how "cover the fee" is priced.</summary>
    public long ChargeLeaving(long net)
    {
        var estimate = (long)Math.Ceiling((net + Fixed) / (1m - (Percent / 100m)));
        for (var charge = Math.Max(net, estimate - 2); ; charge++)
        {
            if (charge - FeeFor(charge) >= net)
            {
                return charge;
            }
        }
    }

    public PledgeQuote Quote(long amount, bool coverFee)
    {
        var charge = coverFee ? ChargeLeaving(amount) : amount;
        var fee = FeeFor(charge);
        return new PledgeQuote(amount, charge, fee, charge - fee);
    }
}
