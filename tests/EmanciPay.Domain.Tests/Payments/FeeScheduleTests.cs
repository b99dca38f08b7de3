using EmanciPay.Domain.Payments;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmanciPay.Domain.Tests.Payments;

public sealed class FeeScheduleTests
{
    private static readonly FeeSchedule Stripe = FeeSchedule.StripeUsCards;

    [Fact]
    public void Stripe_us_cards_cost_2_point_9_percent_plus_30_cents() =>
        Assert.Equal(new FeeSchedule(2.9m, 30), Stripe);

    [Theory]
    [InlineData(1000, 59)]
    [InlineData(1017, 59)]
    [InlineData(1018, 60)]
    [InlineData(500, 45)] // 14.5 cents rounds away from zero, not to even
    [InlineData(0, 30)]
    public void The_fee_is_the_percentage_rounded_half_away_from_zero_plus_the_fixed_part(long charge, long fee) =>
        Assert.Equal(fee, Stripe.FeeFor(charge));

    [Fact]
    public void Another_schedule_prices_by_its_own_percentage_and_fixed_part() =>
        Assert.Equal(15, new FeeSchedule(10m, 5).FeeFor(100));

    [Fact]
    public void Covering_the_fee_on_10_dollars_charges_10_61_the_smallest_charge_that_leaves_10_dollars()
    {
        Assert.Equal(1061, Stripe.ChargeLeaving(1000));
        Assert.Equal(999, 1060 - Stripe.FeeFor(1060));
    }

    [Property(Arbitrary = [typeof(Schedules)])]
    public bool The_charge_that_covers_the_fee_leaves_the_net_and_one_cent_less_would_not(FeeSchedule schedule, int net)
    {
        var charge = schedule.ChargeLeaving(net);
        return charge - schedule.FeeFor(charge) >= net && charge - 1 - schedule.FeeFor(charge - 1) < net;
    }

    [Fact]
    public async Task Covering_the_fee_on_a_huge_pledge_is_priced_from_an_estimate_not_by_counting_up_cent_by_cent()
    {
        const long net = 100_000_000_000;

        var charge = await Task.Run(() => Stripe.ChargeLeaving(net)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(102_986_611_771, charge);
        Assert.True(charge - Stripe.FeeFor(charge) >= net);
        Assert.True(charge - 1 - Stripe.FeeFor(charge - 1) < net);
    }

    [Fact]
    public void A_quote_without_covering_the_fee_charges_the_pledge_and_the_station_gets_it_less_the_fee() =>
        Assert.Equal(new PledgeQuote(Pledged: 1000, Charged: 1000, Fee: 59, NetToStation: 941), Stripe.Quote(1000, coverFee: false));

    [Fact]
    public void A_quote_covering_the_fee_charges_more_so_the_station_gets_the_whole_pledge() =>
        Assert.Equal(new PledgeQuote(Pledged: 1000, Charged: 1061, Fee: 61, NetToStation: 1000), Stripe.Quote(1000, coverFee: true));

    public static class Schedules
    {
        public static Arbitrary<FeeSchedule> FeeSchedules() => Arb.From(
            from percent in Gen.Choose(0, 150).Select(p => p / 10m)
            from fixedPart in Gen.Choose(0, 100)
            select new FeeSchedule(percent, fixedPart));

        public static Arbitrary<int> Nets() => Arb.From(Gen.Choose(0, 1_000_000));
    }
}
