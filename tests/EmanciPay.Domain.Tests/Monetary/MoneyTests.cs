using EmanciPay.Domain.Monetary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmanciPay.Domain.Tests.Monetary;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("usd", "USD")]
    [InlineData("EUR", "EUR")]
    public void Currency_codes_are_normalised_to_upper_case(string input, string expected) =>
        Assert.Equal(expected, Currency.Parse(input).Code);

    [Theory]
    [InlineData("")]
    [InlineData("US")]
    [InlineData("USDX")]
    [InlineData("U5D")]
    public void Malformed_currency_codes_are_rejected(string input) =>
        Assert.False(Currency.TryParse(input, out _));

    [Fact]
    public void Adding_different_currencies_throws() =>
        Assert.Throws<InvalidOperationException>(() => new Money(1, Currency.Usd) + new Money(1, Currency.Parse("EUR")));

    [Fact]
    public void Allocation_gives_leftover_cents_to_the_largest_remainders()
    {
        var parts = new Money(100, Currency.Usd).Allocate([1, 1, 1]);

        Assert.Equal([34L, 33L, 33L], parts.Select(p => p.Amount));
    }

    [Fact]
    public void Allocating_a_fee_of_59_over_pledges_of_700_and_300_cents_splits_it_41_and_18()
    {
        var parts = new Money(59, Currency.Usd).Allocate([700, 300]);

        Assert.Equal([41L, 18L], parts.Select(p => p.Amount));
    }

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
