using EmanciPay.Domain.Listening;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmanciPay.Domain.Tests.Listening;

public sealed class PerUseAmountTests
{
    [Theory]
    [InlineData(10, 500, 0, 0)]
    [InlineData(10, 500, 60, 10)]
    [InlineData(10, 500, 90, 15)]
    [InlineData(10, 500, 3, 0)]      // 0.5 cents: half to even, down to 0
    [InlineData(10, 500, 9, 2)]      // 1.5 cents: half to even, up to 2
    [InlineData(10, 500, 15, 2)]     // 2.5 cents: half to even, down to 2
    [InlineData(10, 500, 3000, 500)] // 50 hours is 5.00: at the cap
    [InlineData(10, 500, 44640, 500)] // a whole month of listening: capped
    [InlineData(25, 10000, 7, 3)]    // 2.9166 cents rounds to 3
    public void The_amount_is_the_rate_times_the_hours_to_the_cent_half_to_even_and_never_above_the_cap(long rate, long cap, long minutes, long expected) =>
        Assert.Equal(expected, PerUseAmount.For(rate, cap, minutes));

    [Property]
    public void The_amount_is_within_half_a_cent_of_the_exact_figure_or_the_cap(PositiveInt rate, PositiveInt cap, NonNegativeInt minutes)
    {
        var amount = PerUseAmount.For(rate.Get, cap.Get, minutes.Get);
        var exact = (decimal)rate.Get * minutes.Get / 60m;

        Assert.True(amount <= cap.Get);
        Assert.True(amount == cap.Get || Math.Abs(amount - exact) <= 0.5m, $"{amount} for exactly {exact}");
        Assert.Equal(Math.Min(cap.Get, (long)Math.Round(exact, MidpointRounding.ToEven)), amount);
    }

    [Property]
    public void More_listening_never_costs_less(PositiveInt rate, PositiveInt cap, NonNegativeInt minutes, NonNegativeInt more) =>
        Assert.True(PerUseAmount.For(rate.Get, cap.Get, minutes.Get) <= PerUseAmount.For(rate.Get, cap.Get, (long)minutes.Get + more.Get));
}
