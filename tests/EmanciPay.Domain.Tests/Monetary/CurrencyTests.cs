using EmanciPay.Domain.Monetary;

namespace EmanciPay.Domain.Tests.Monetary;

public sealed class CurrencyTests
{
    [Theory]
    [InlineData("usd", "USD")]
    [InlineData("EUR", "EUR")]
    [InlineData("jPy", "JPY")]
    public void Currency_codes_are_normalised_to_upper_case(string input, string expected)
    {
        Assert.Equal(expected, Currency.Parse(input).Code);
        Assert.Equal(expected, Currency.Parse(input).ToString());
        Assert.True(Currency.TryParse(input, out var parsed));
        Assert.Equal(Currency.Parse(input), parsed);
    }

    [Fact]
    public void The_dollar_is_usd() =>
        Assert.Equal((Currency.Parse("usd"), "USD"), (Currency.Usd, Currency.Usd.Code));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("US")]
    [InlineData("USDX")]
    [InlineData("U5D")]
    [InlineData("U D")]
    public void Malformed_currency_codes_are_rejected(string? input)
    {
        Assert.False(Currency.TryParse(input, out var parsed));
        Assert.Equal(default, parsed);
    }

    [Fact]
    public void Parsing_a_malformed_code_names_it()
    {
        var error = Assert.Throws<ArgumentException>(() => Currency.Parse("U5D"));

        Assert.Equal("code", error.ParamName);
        Assert.Contains("'U5D' is not a three-letter ISO 4217 currency code", error.Message, StringComparison.Ordinal);
    }
}
