using EmanciPay.Domain.Monetary;

namespace EmanciPay.Domain.Payouts;

public enum PayoutFrequency
{
    Weekly,
    Monthly,
}

/// <summary>
/// A station's standing order, per currency: every week or month, pay out what is available in escrow, provided it is
/// at least <see cref="MinimumAmount"/>. A schedule whose balance is below the minimum when due waits for its next date;
/// one that could not pay for a reason the station must act on is set aside with that reason, kept until a due date
/// passes without one.
/// </summary>
public sealed class PayoutSchedule
{
    private PayoutSchedule(Guid recipientId, Currency currency, PayoutFrequency frequency, long minimumAmount, string setBy, DateTimeOffset setAt)
    {
        RecipientId = recipientId;
        Currency = currency;
        SetBy = setBy;
        Change(frequency, minimumAmount, setBy, setAt);
    }

    private PayoutSchedule()
    {
        SetBy = null!;
    }

    public Guid RecipientId { get; private set; }

    public Currency Currency { get; private set; }

    public PayoutFrequency Frequency { get; private set; }

    /// <summary>In minor units: below this, a due date passes without a payout.</summary>
    public long MinimumAmount { get; private set; }

    public string SetBy { get; private set; }

    public DateTimeOffset SetAt { get; private set; }

    /// <summary>When the schedule next requests a payout.</summary>
    public DateTimeOffset NextDueAt { get; private set; }

    /// <summary>Why the latest due date paid nothing though there was enough to pay, in words a station manager can act on.</summary>
    public string? SetAsideReason { get; private set; }

    /// <summary>When the latest due date was set aside.</summary>
    public DateTimeOffset? SetAsideAt { get; private set; }

    public static PayoutSchedule Set(Guid recipientId, Currency currency, PayoutFrequency frequency, long minimumAmount, string setBy, DateTimeOffset at) =>
        new(recipientId, currency, frequency, minimumAmount, setBy, at);

    /// <summary>A new frequency or minimum; the next date counts from now.</summary>
    public void Change(PayoutFrequency frequency, long minimumAmount, string setBy, DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumAmount);
        ArgumentException.ThrowIfNullOrWhiteSpace(setBy);
        if (!Enum.IsDefined(frequency))
        {
            throw new ArgumentOutOfRangeException(nameof(frequency), frequency, null);
        }

        (Frequency, MinimumAmount, SetBy, SetAt) = (frequency, minimumAmount, setBy, at);
        NextDueAt = After(at);
    }

    public bool IsDue(DateTimeOffset at) => NextDueAt <= at;

    /// <summary>Whether <paramref name="available"/> is worth paying out: something, and at least the minimum.</summary>
    public bool Warrants(long available) => available > 0 && available >= MinimumAmount;

    /// <summary>The due date was handled (paid out, or below the minimum): any earlier reason is cleared, and the next date follows.</summary>
    public void Advance(DateTimeOffset at)
    {
        (SetAsideReason, SetAsideAt) = (null, null);
        MoveToNextDate(at);
    }

    /// <summary>The due date could not pay for <paramref name="reason"/>: it is kept for the managers, and the next date follows.</summary>
    public void SetAside(string reason, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        (SetAsideReason, SetAsideAt) = (reason.Length > Payout.MaxReasonLength ? reason[..Payout.MaxReasonLength] : reason, at);
        MoveToNextDate(at);
    }

    // Never in the past: every date already gone by is skipped, so one period never pays twice.
    private void MoveToNextDate(DateTimeOffset at)
    {
        var next = NextDueAt;
        while (next <= at)
        {
            next = Frequency == PayoutFrequency.Weekly ? next.AddDays(7) : next.AddMonths(1);
        }

        NextDueAt = next;
    }

    private DateTimeOffset After(DateTimeOffset at) => Frequency == PayoutFrequency.Weekly ? at.AddDays(7) : at.AddMonths(1);
}
