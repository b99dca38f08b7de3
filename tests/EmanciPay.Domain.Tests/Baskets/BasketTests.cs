using EmanciPay.Domain.Baskets;
using EmanciPay.Domain.Monetary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmanciPay.Domain.Tests.Baskets;

public sealed class BasketTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Items_of_one_pledge_add_into_one_line_and_the_basket_charges_their_sum()
    {
        var pledge = Guid.NewGuid();
        var basket = Open(new BasketItem(pledge, Guid.NewGuid(), BasketLineKind.PerUse, 30), new BasketItem(pledge, Guid.NewGuid(), BasketLineKind.PerUse, 100), Item(1000));

        Assert.Equal(2, basket.Lines.Count);
        Assert.Equal(130, basket.Lines[0].Amount);
        Assert.Equal((BasketStatus.Charging, 1130L, 1), (basket.Status, basket.Amount, basket.Attempts));
        Assert.Equal(new DateOnly(2026, 11, 1), basket.Period);
    }

    [Theory]
    [InlineData("USD", 49, BasketStatus.RolledOver)]
    [InlineData("usd", 50, BasketStatus.Charging)]
    [InlineData("EUR", 49, BasketStatus.RolledOver)]
    [InlineData("GBP", 29, BasketStatus.RolledOver)]
    [InlineData("GBP", 30, BasketStatus.Charging)]
    [InlineData("JPY", 49, BasketStatus.RolledOver)]
    [InlineData("JPY", 50, BasketStatus.Charging)]
    [InlineData("HKD", 399, BasketStatus.RolledOver)]
    [InlineData("HKD", 400, BasketStatus.Charging)]
    [InlineData("MXN", 999, BasketStatus.RolledOver)]
    [InlineData("HUF", 17500, BasketStatus.Charging)]
    [InlineData("XYZ", 49, BasketStatus.RolledOver)]
    public void A_basket_under_its_currency_s_minimum_charge_rolls_over_at_once(string currency, long amount, BasketStatus expected)
    {
        var basket = Basket.Open("listener-1", new DateOnly(2026, 11, 17), Currency.Parse(currency), [Item(amount)], Now);

        Assert.Equal(expected, basket.Status);
        Assert.Equal(expected == BasketStatus.Charging ? 1 : 0, basket.Attempts);
    }

    [Fact]
    public void The_fee_is_shared_by_largest_remainder()
    {
        var basket = Open(Item(1000), Item(50), Item(333));

        basket.RecordPaid("pi_1", 70, Now);

        // Exact shares 50.61, 2.53 and 16.85: the two cents left go to the largest fractions, 0.85 then 0.61.
        Assert.Equal([51L, 2L, 17L], basket.Lines.Select(l => l.Fee));
        Assert.Equal([949L, 48L, 316L], basket.Lines.Select(l => l.Net));
        Assert.Equal((BasketStatus.Paid, "pi_1", 70L), (basket.Status, basket.PaymentIntentId, basket.Fee));
    }

    [Property(Arbitrary = [typeof(BasketInputs)])]
    public bool No_cent_of_the_charge_or_the_fee_is_lost_or_made(long[] amounts, int feePerMille)
    {
        var basket = Open(amounts.Select(Item).ToArray());
        var fee = basket.Amount * feePerMille / 1000;
        basket.RecordPaid("pi_1", fee, Now);
        return basket.Lines.Sum(l => l.Amount) == basket.Amount
            && basket.Lines.Sum(l => l.Fee) == fee
            && basket.Lines.Sum(l => l.Net) == basket.Amount - fee
            && basket.Lines.All(l => Math.Abs(l.Fee - ((decimal)fee * l.Amount / basket.Amount)) < 1m);
    }

    [Fact]
    public void A_declined_basket_is_tried_again_3_then_4_days_later_and_then_paused_and_a_resumed_one_gets_a_fresh_round()
    {
        var basket = Open(Item(1000));

        basket.RecordDeclined("Your card was declined.", Now);
        var first = (basket.Status, basket.NextAttemptAt);
        basket.StartRetry(Now.AddDays(3));
        basket.RecordDeclined("Your card was declined.", Now.AddDays(3));
        var second = (basket.Status, basket.NextAttemptAt);
        basket.StartRetry(Now.AddDays(7));
        basket.RecordDeclined("Your card was declined.", Now.AddDays(7));

        Assert.Equal((BasketStatus.Retrying, (DateTimeOffset?)Now.AddDays(3)), first);
        Assert.Equal((BasketStatus.Retrying, (DateTimeOffset?)Now.AddDays(7)), second);
        Assert.Equal((BasketStatus.Paused, 3, (DateTimeOffset?)null), (basket.Status, basket.Attempts, basket.NextAttemptAt));
        Assert.Throws<InvalidOperationException>(() => basket.StartRetry(Now.AddDays(30)));

        basket.Resume(Now.AddDays(8));
        basket.StartRetry(Now.AddDays(8));
        basket.RecordDeclined("Your card was declined.", Now.AddDays(8));
        Assert.Equal((BasketStatus.Retrying, 4), (basket.Status, basket.Attempts));
    }

    [Fact]
    public void A_new_card_resumes_a_basket_waiting_to_retry_at_once_with_a_fresh_round_and_leaves_a_paid_one_alone()
    {
        var retrying = Open(Item(1000));
        var paid = Open(Item(1000));
        retrying.RecordDeclined("Your card was declined.", Now);
        paid.RecordPaid("pi_1", 59, Now);

        retrying.Resume(Now.AddHours(1));
        paid.Resume(Now.AddHours(1));
        retrying.StartRetry(Now.AddHours(1));
        retrying.RecordDeclined("Your card was declined.", Now.AddHours(1));

        Assert.Equal((BasketStatus.Retrying, 2, (DateTimeOffset?)Now.AddHours(1).AddDays(3)), (retrying.Status, retrying.Attempts, retrying.NextAttemptAt));
        Assert.Equal((BasketStatus.Paid, (DateTimeOffset?)null), (paid.Status, paid.NextAttemptAt));
    }

    [Fact]
    public void A_late_decline_or_a_second_payment_changes_a_paid_basket_no_more()
    {
        var basket = Open(Item(1000));
        basket.RecordPaid("pi_1", 59, Now);

        basket.RecordDeclined("late", Now);
        basket.RecordPaid("pi_2", 10, Now);
        basket.Pause("no card");

        Assert.Equal((BasketStatus.Paid, "pi_1", 59L), (basket.Status, basket.PaymentIntentId, basket.Fee));
    }

    private static BasketItem Item(long amount) => new(Guid.NewGuid(), Guid.NewGuid(), BasketLineKind.Monthly, amount);

    private static Basket Open(params BasketItem[] items) => Basket.Open("listener-1", new DateOnly(2026, 11, 17), Currency.Usd, items, Now);

    public static class BasketInputs
    {
        public static Arbitrary<long[]> Amounts() => Arb.From(Gen.Choose(1, 1_000_000).Select(i => (long)i).ArrayOf().Where(a => a.Length is > 0 and < 40));

        public static Arbitrary<int> FeesPerMille() => Arb.From(Gen.Choose(0, 1000));
    }
}
