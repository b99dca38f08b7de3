using EmanciPay.Domain.Monetary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmanciPay.Domain.Tests.Monetary;

public sealed class MoneyTests
{
    private static readonly Currency Eur = Currency.Parse("EUR");

    [Fact]
    public void Amounts_of_one_currency_add_and_subtract()
    {
        Assert.Equal(new Money(1300, Currency.Usd), new Money(1000, Currency.Usd) + new Money(300, Currency.Usd));
        Assert.Equal(new Money(700, Currency.Usd), new Money(1000, Currency.Usd) - new Money(300, Currency.Usd));
    }

    [Fact]
    public void Arithmetic_that_would_overflow_throws_rather_than_wrap()
    {
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue, Currency.Usd) + new Money(1, Currency.Usd));
        Assert.Throws<OverflowException>(() => new Money(long.MinValue, Currency.Usd) - new Money(1, Currency.Usd));
    }

    [Fact]
    public void Combining_different_currencies_throws_and_names_both()
    {
        var added = Assert.Throws<InvalidOperationException>(() => new Money(1, Currency.Usd) + new Money(1, Eur));
        var subtracted = Assert.Throws<InvalidOperationException>(() => new Money(1, Currency.Usd) - new Money(1, Eur));

        Assert.Equal("Cannot combine USD with EUR.", added.Message);
        Assert.Equal(added.Message, subtracted.Message);
    }

    [Fact]
    public void An_amount_reads_as_minor_units_and_currency() =>
        Assert.Equal("1050 USD", new Money(1050, Currency.Usd).ToString());

    [Fact]
    public void Allocation_gives_leftover_cents_to_the_largest_remainders()
    {
        var parts = new Money(100, Currency.Usd).Allocate([1, 1, 1]);

        Assert.Equal([34L, 33L, 33L], parts.Select(p => p.Amount));
    }

    [Fact]
    public void Allocating_a_fee_of_59_over_pledges_of_700_and_300_cents_splits_it_41_and_18()
    {
        var parts = new Money(59, Eur).Allocate([700, 300]);

        Assert.Equal([41L, 18L], parts.Select(p => p.Amount));
        Assert.All(parts, p => Assert.Equal(Eur, p.Currency));
    }

    [Fact]
    public void A_negative_amount_gives_its_leftover_cents_back_to_the_largest_remainders_too() =>
        Assert.Equal([-34L, -33L, -33L], new Money(-100, Currency.Usd).Allocate([1, 1, 1]).Select(p => p.Amount));

    [Fact]
    public void A_zero_weight_gets_nothing() =>
        Assert.Equal([0L, 100L], new Money(100, Currency.Usd).Allocate([0, 5]).Select(p => p.Amount));

    public static TheoryData<long[]> InvalidWeights => new()
    {
        Array.Empty<long>(),
        new long[] { 0 },
        new long[] { 0, 0, 0 },
        new long[] { 5, -1 },
        new long[] { -1, -2 },
        new long[] { 3, -3, 1 },
    };

    [Theory]
    [MemberData(nameof(InvalidWeights))]
    public void Weights_must_be_non_negative_and_not_all_zero(long[] weights)
    {
        var error = Assert.Throws<ArgumentException>(() => new Money(100, Currency.Usd).Allocate(weights));

        Assert.Equal("weights", error.ParamName);
        Assert.Contains("non-negative and not all zero", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocating_over_no_list_of_weights_throws() =>
        Assert.Throws<ArgumentNullException>(() => new Money(100, Currency.Usd).Allocate(null!));

    [Property(Arbitrary = [typeof(AllocationInputs)])]
    public bool Allocation_never_loses_or_creates_a_cent_and_each_part_is_within_a_cent_of_its_share(long amount, long[] weights)
    {
        var parts = new Money(amount, Currency.Usd).Allocate(weights);
        var total = weights.Sum();
        return parts.Sum(p => p.Amount) == amount
            && parts.Select((p, i) => Math.Abs(p.Amount - (decimal)amount * weights[i] / total)).All(d => d < 1m);
    }

    public static class AllocationInputs
    {
        public static Arbitrary<long> Amounts() => Arb.From(Gen.Choose(-1_000_000, 1_000_000).Select(i => (long)i));

        public static Arbitrary<long[]> Weights() => Arb.From(
            Gen.Choose(0, 100_000).Select(i => (long)i).ArrayOf().Where(w => w.Length > 0 && w.Any(x => x > 0)));
    }
}
