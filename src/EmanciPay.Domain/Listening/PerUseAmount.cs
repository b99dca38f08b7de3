namespace EmanciPay.Domain.Listening;

/// <summary>What a per-use pledge comes to for a month: the rate per hour times the hours listened, to the cent (half to even), never above the cap.</summary>
public static class PerUseAmount
{
    public static long For(long ratePerHour, long monthlyCap, long minutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ratePerHour);
        ArgumentOutOfRangeException.ThrowIfNegative(monthlyCap);
        ArgumentOutOfRangeException.ThrowIfNegative(minutes);

        // rate × minutes / 60 in whole cents, the remainder deciding the rounding: no floating point anywhere.
        var (cents, sixtieths) = Math.DivRem(checked(ratePerHour * minutes), 60);
        var roundsUp = sixtieths > 30 || (sixtieths == 30 && cents % 2 == 1);
        return Math.Min(monthlyCap, roundsUp ? cents + 1 : cents);
    }
}
