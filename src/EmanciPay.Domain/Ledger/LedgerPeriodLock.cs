namespace EmanciPay.Domain.Ledger;

/// <summary>A closed month: nothing posts into it any more; corrections go into the open period.</summary>
public sealed class LedgerPeriodLock(DateOnly month, string lockedBy, DateTimeOffset lockedAt)
{
    /// <summary>The first day of the month (UTC).</summary>
    public DateOnly Month { get; private set; } = month;

    public string LockedBy { get; private set; } = lockedBy;

    public DateTimeOffset LockedAt { get; private set; } = lockedAt;

    public static DateOnly MonthOf(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return new DateOnly(utc.Year, utc.Month, 1);
    }
}
