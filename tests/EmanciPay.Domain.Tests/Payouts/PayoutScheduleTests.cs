using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payouts;

namespace EmanciPay.Domain.Tests.Payouts;

public sealed class PayoutScheduleTests
{
    private static readonly DateTimeOffset Set = new(2026, 1, 31, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(PayoutFrequency.Weekly, "2026-02-07T09:00:00Z")]
    [InlineData(PayoutFrequency.Monthly, "2026-02-28T09:00:00Z")]
    public void The_first_payout_is_due_one_period_after_the_schedule_is_set(PayoutFrequency frequency, string due)
    {
        var schedule = PayoutSchedule.Set(Guid.NewGuid(), Currency.Usd, frequency, 5_000, "manager-1", Set);

        Assert.Equal(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture), schedule.NextDueAt);
        Assert.False(schedule.IsDue(schedule.NextDueAt.AddTicks(-1)));
        Assert.True(schedule.IsDue(schedule.NextDueAt));
    }

    [Fact]
    public void Advancing_skips_every_date_already_past_so_a_schedule_never_runs_twice_for_one_period()
    {
        var schedule = PayoutSchedule.Set(Guid.NewGuid(), Currency.Usd, PayoutFrequency.Weekly, 0, "manager-1", Set);

        schedule.Advance(Set.AddDays(22));

        Assert.Equal(Set.AddDays(28), schedule.NextDueAt);
    }

    [Fact]
    public void A_date_set_aside_keeps_its_reason_until_a_later_date_is_handled_and_never_runs_twice()
    {
        var schedule = PayoutSchedule.Set(Guid.NewGuid(), Currency.Usd, PayoutFrequency.Weekly, 0, "manager-1", Set);

        schedule.SetAside("Agree to the terms first.", Set.AddDays(7));

        Assert.Equal(("Agree to the terms first.", Set.AddDays(7), Set.AddDays(14)), (schedule.SetAsideReason, schedule.SetAsideAt, schedule.NextDueAt));
        schedule.Advance(Set.AddDays(14));
        Assert.Equal((null, null, Set.AddDays(21)), (schedule.SetAsideReason, schedule.SetAsideAt, schedule.NextDueAt));
        Assert.Throws<ArgumentException>(() => schedule.SetAside(" ", Set.AddDays(21)));
    }

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(0, 1, true)]
    [InlineData(5_000, 4_999, false)]
    [InlineData(5_000, 5_000, true)]
    public void A_balance_is_paid_out_when_it_is_something_and_at_least_the_minimum(long minimum, long available, bool warranted)
    {
        var schedule = PayoutSchedule.Set(Guid.NewGuid(), Currency.Usd, PayoutFrequency.Monthly, minimum, "manager-1", Set);

        Assert.Equal(warranted, schedule.Warrants(available));
    }

    [Fact]
    public void A_negative_minimum_or_unknown_frequency_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PayoutSchedule.Set(Guid.NewGuid(), Currency.Usd, PayoutFrequency.Weekly, -1, "m", Set));
        Assert.Throws<ArgumentOutOfRangeException>(() => PayoutSchedule.Set(Guid.NewGuid(), Currency.Usd, (PayoutFrequency)9, 0, "m", Set));
    }
}
