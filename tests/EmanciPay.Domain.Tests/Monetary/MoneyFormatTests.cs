using System.Globalization;
using EmanciPay.Domain.Monetary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmanciPay.Domain.Tests.Monetary;

public sealed class MoneyFormatTests
{
    [Theory]
    [InlineData(1000, "usd", "$10.00")]
    [InlineData(125_000, "USD", "$1,250.00")]
    [InlineData(5, "usd", "$0.05")]
    [InlineData(-59, "usd", "-$0.59")]
    [InlineData(0, "usd", "$0.00")]
    [InlineData(1000, "eur", "EUR 10.00")]
    [InlineData(1000, "jpy", "JPY 1,000")]
    [InlineData(1_000_000, "KRW", "KRW 1,000,000")]
    [InlineData(1250, "kwd", "KWD 1.250")]
    [InlineData(-5, "BHD", "-BHD 0.005")]
    [InlineData(12_345_678, "clf", "CLF 1,234.5678")]
    [InlineData(long.MaxValue, "usd", "$92,233,720,368,547,758.07")]
    [InlineData(long.MinValue, "jpy", "-JPY 9,223,372,036,854,775,808")]
    public void Formats_with_the_currency_s_own_minor_digits(long minorUnits, string currency, string expected) =>
        Assert.Equal(expected, MoneyFormat.Format(minorUnits, currency));

    [Theory]
    [InlineData("JPY", 0)]
    [InlineData("krw", 0)]
    [InlineData("ISK", 0)]
    [InlineData("XOF", 0)]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("GBP", 2)]
    [InlineData("BHD", 3)]
    [InlineData("KWD", 3)]
    [InlineData("TND", 3)]
    [InlineData("UYW", 4)]
    [InlineData("ZZZ", 2)]
    public void Knows_each_currency_s_minor_digits_from_ISO_4217(string currency, int expected) =>
        Assert.Equal(expected, MoneyFormat.MinorDigits(currency));

    [Fact]
    public void Formatting_ignores_the_culture_of_the_thread()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            // As German writes numbers; built by hand because ICU culture data may be absent.
            var decimalComma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            decimalComma.NumberFormat.NumberDecimalSeparator = ",";
            decimalComma.NumberFormat.NumberGroupSeparator = ".";
            CultureInfo.CurrentCulture = decimalComma;
            Assert.Equal("EUR 1,250.00", MoneyFormat.Format(125_000, "EUR"));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("US")]
    [InlineData("US$")]
    [InlineData("usdx")]
    public void A_malformed_currency_code_is_a_programming_error(string currency) =>
        Assert.Throws<ArgumentException>(() => MoneyFormat.Format(1, currency));

    [Theory]
    [InlineData("1250", "usd", 125_000)]
    [InlineData("1,250.00", "usd", 125_000)]
    [InlineData("1,250", "usd", 125_000)]
    [InlineData("12.5", "usd", 1250)]
    [InlineData("12.50", "usd", 1250)]
    [InlineData("0.05", "usd", 5)]
    [InlineData("  $12.50 ", "usd", 1250)]
    [InlineData("$ 12", "usd", 1200)]
    [InlineData("USD 12", "usd", 1200)]
    [InlineData("12 usd", "usd", 1200)]
    [InlineData("1,234,567.89", "usd", 123_456_789)]
    [InlineData("-$0.59", "usd", -59)]
    [InlineData("EUR 10.00", "eur", 1000)]
    [InlineData("1,000", "jpy", 1000)]
    [InlineData("JPY 1,000", "JPY", 1000)]
    [InlineData("1.25", "kwd", 1250)]
    [InlineData("1.250", "kwd", 1250)]
    [InlineData("007", "usd", 700)]
    [InlineData("92,233,720,368,547,758.07", "usd", long.MaxValue)]
    [InlineData("-JPY 9,223,372,036,854,775,808", "jpy", long.MinValue)]
    public void Reads_amounts_people_type(string text, string currency, long expected)
    {
        Assert.True(MoneyFormat.TryParse(text, currency, out var minorUnits));
        Assert.Equal(expected, minorUnits);
    }

    [Theory]
    [InlineData("12,50", "usd")] // a decimal comma: refused, never read as 1,250.00
    [InlineData("1,2345", "usd")]
    [InlineData("1,25,000", "usd")]
    [InlineData(",250", "usd")]
    [InlineData("0,250", "usd")]
    [InlineData("1.250,00", "usd")]
    [InlineData("12.505", "usd")] // more decimals than a dollar has
    [InlineData("12.", "usd")]
    [InlineData(".50", "usd")]
    [InlineData("1000.0", "jpy")] // the yen has no minor unit
    [InlineData("1.2345", "kwd")]
    [InlineData("", "usd")]
    [InlineData("   ", "usd")]
    [InlineData(null, "usd")]
    [InlineData("$", "usd")]
    [InlineData("ten", "usd")]
    [InlineData("1e3", "usd")]
    [InlineData("+5", "usd")]
    [InlineData("--5", "usd")]
    [InlineData("$10", "eur")] // another currency's symbol
    [InlineData("EUR 10", "usd")]
    [InlineData("10 EUR", "usd")]
    [InlineData("1 000", "usd")]
    [InlineData("١٢", "usd")] // Arabic-Indic digits
    [InlineData("1\u00002", "usd")]
    [InlineData("92,233,720,368,547,758.08", "usd")] // one cent past a long
    [InlineData("99999999999999999999999999999999999999999", "usd")]
    public void Refuses_what_could_be_read_two_ways_or_is_not_an_amount(string? text, string currency) =>
        Assert.False(MoneyFormat.TryParse(text, currency, out _));

    [Property(Arbitrary = [typeof(MoneyInputs)])]
    public bool Every_formatted_amount_reads_back_to_the_same_minor_units(long minorUnits, CurrencyCode currency) =>
        MoneyFormat.TryParse(MoneyFormat.Format(minorUnits, currency.Code), currency.Code, out var read) && read == minorUnits;

    [Property(Arbitrary = [typeof(MoneyInputs)])]
    public bool Every_amount_typed_with_plain_digits_and_the_currency_s_decimals_is_read_exactly(long minorUnits, CurrencyCode currency)
    {
        var amount = minorUnits == long.MinValue ? long.MaxValue : Math.Abs(minorUnits);
        var digits = MoneyFormat.MinorDigits(currency.Code);
        var plain = ((decimal)amount / (decimal)Math.Pow(10, digits)).ToString("F" + digits, CultureInfo.InvariantCulture);
        return MoneyFormat.TryParse(plain, currency.Code, out var read) && read == amount;
    }

    [Property(Arbitrary = [typeof(MoneyInputs)])]
    public bool One_decimal_more_than_the_currency_has_is_always_refused(long minorUnits, CurrencyCode currency)
    {
        var digits = MoneyFormat.MinorDigits(currency.Code);
        var plain = Math.Abs((decimal)minorUnits / (decimal)Math.Pow(10, digits)).ToString("F" + (digits + 1), CultureInfo.InvariantCulture);
        return !MoneyFormat.TryParse(plain, currency.Code, out _);
    }

    [Property]
    public bool A_comma_followed_by_other_than_three_digits_is_always_refused(PositiveInt whole, NonNegativeInt decimals)
    {
        var after = decimals.Get.ToString(CultureInfo.InvariantCulture);
        return after.Length == 3 || !MoneyFormat.TryParse($"{whole.Get},{after}", "usd", out _);
    }

    /// <summary>A currency code: every one with a minor unit other than two, a few with two, and any three letters.</summary>
    public sealed record CurrencyCode(string Code)
    {
        public override string ToString() => Code;
    }

    public static class MoneyInputs
    {
        private static readonly string[] Known = ["USD", "EUR", "GBP", "JPY", "KRW", "ISK", "CLP", "VND", "XOF", "XPF", "BIF", "DJF", "GNF", "KMF", "PYG", "RWF", "UGX", "UYI", "VUV", "XAF", "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND", "CLF", "UYW"];

        public static Arbitrary<CurrencyCode> Currencies() => Arb.From(Gen.OneOf(
            Gen.Elements(Known),
            Gen.Elements("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".ToCharArray()).ArrayOf(3).Select(c => new string(c)))
            .Select(code => new CurrencyCode(code)));

        public static Arbitrary<long> Amounts() => Arb.From(Gen.OneOf(
            ArbMap.Default.GeneratorFor<long>(),
            Gen.Choose(-1_000_000, 1_000_000).Select(i => (long)i),
            Gen.Elements(0L, 1L, -1L, 999L, 1000L, long.MaxValue, long.MinValue, long.MaxValue - 1, long.MinValue + 1)));
    }
}
