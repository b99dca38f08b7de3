using System.Globalization;
using System.Text.RegularExpressions;

namespace EmanciPay.Domain.Monetary;

/// <summary>
/// Amounts in minor units shown to people, and amounts people type read back, for any ISO 4217 currency. One style,
/// whatever the culture: "$1,250.00" for US dollars (the app's home currency), the code first for any other ("EUR
/// 1,250.00", "JPY 1,000", "KWD 1.250"), a comma between thousands and a point before the minor digits.
/// </summary>
/// <remarks>
/// Self-contained on purpose: the Stripe emulator compiles this same file, and may not reference our projects. No
/// library served here knows minor units, and ICU culture data may be absent, so the exponents are listed below.
/// The emulator defines MONEYFORMAT_INTERNAL so that its copy stays internal and cannot clash with the Domain's.
/// </remarks>
#if MONEYFORMAT_INTERNAL
internal
#else
public
#endif
static partial class MoneyFormat
{
    private const string HomeCurrency = "USD";

    /// <summary>
    /// ISO 4217 list one (SIX), the currencies whose minor unit is not two digits. Codes it gives no minor unit
    /// (precious metals, SDR, testing) are not money anyone pledges, and take the default of two like any code not here.
    /// </summary>
    private static readonly Dictionary<string, int> MinorDigitsOtherThanTwo = new(StringComparer.Ordinal)
    {
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0, ["KRW"] = 0,
        ["PYG"] = 0, ["RWF"] = 0, ["UGX"] = 0, ["UYI"] = 0, ["VND"] = 0, ["VUV"] = 0, ["XAF"] = 0, ["XOF"] = 0,
        ["XPF"] = 0,
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3,
        ["CLF"] = 4, ["UYW"] = 4,
    };

    /// <summary>Minor units in one major unit, by number of minor digits.</summary>
    private static readonly ulong[] Scales = [1, 10, 100, 1_000, 10_000];

    /// <summary>How many digits of <paramref name="currencyCode"/> (any case) follow the decimal point: 2 for USD, 0 for JPY, 3 for KWD.</summary>
    public static int MinorDigits(string currencyCode) =>
        MinorDigitsOtherThanTwo.TryGetValue(Normalise(currencyCode), out var digits) ? digits : 2;

    /// <summary>"$1,250.00", "-$0.59", "EUR 10.00", "JPY 1,000", "KWD 1.250".</summary>
    public static string Format(long minorUnits, string currencyCode)
    {
        var code = Normalise(currencyCode);
        var digits = MinorDigits(code);
        var magnitude = minorUnits < 0 ? (ulong)-(minorUnits + 1) + 1 : (ulong)minorUnits;
        var scale = Scales[digits];
        var whole = (magnitude / scale).ToString("N0", CultureInfo.InvariantCulture);
        var number = digits == 0 ? whole : $"{whole}.{(magnitude % scale).ToString("D" + digits, CultureInfo.InvariantCulture)}";
        var sign = minorUnits < 0 ? "-" : "";
        return code == HomeCurrency ? $"{sign}${number}" : $"{sign}{code} {number}";
    }

    /// <summary>
    /// Reads an amount someone typed in <paramref name="currencyCode"/>: "1250", "1,250.00", "12.5", "$12.50" (US dollars
    /// only), "EUR 12.50", "12.50 eur", and whatever <see cref="Format"/> writes. Refuses anything that could be read two
    /// ways or would lose a minor unit: "12,50" (a comma only ever separates thousands, in groups of three), more decimals
    /// than the currency has ("12.505" in dollars, "1000.0" in yen), another currency's code or symbol, and amounts beyond
    /// a <see cref="long"/>.
    /// </summary>
    public static bool TryParse(string? text, string currencyCode, out long minorUnits)
    {
        minorUnits = 0;
        var code = Normalise(currencyCode);
        var rest = (text ?? "").Trim();
        var negative = rest.StartsWith('-');
        rest = negative ? rest[1..].TrimStart() : rest;
        if (code == HomeCurrency && rest.StartsWith('$'))
        {
            rest = rest[1..].TrimStart();
        }
        else if (rest.StartsWith(code, StringComparison.OrdinalIgnoreCase))
        {
            rest = rest[code.Length..].TrimStart();
        }
        else if (rest.EndsWith(code, StringComparison.OrdinalIgnoreCase))
        {
            rest = rest[..^code.Length].TrimEnd();
        }

        var digits = MinorDigits(code);
        var match = Amount().Match(rest);
        if (!match.Success || match.Groups["fraction"].Length > digits || (digits == 0 && match.Groups["point"].Success))
        {
            return false;
        }

        var whole = match.Groups["whole"].Value.Replace(",", "", StringComparison.Ordinal);
        var significant = (whole + match.Groups["fraction"].Value.PadRight(digits, '0')).TrimStart('0');

        // 20 digits always fit an Int128 and already exceed any long, so longer input is refused before it is read.
        if (significant.Length > 20)
        {
            return false;
        }

        var magnitude = significant.Length == 0 ? 0 : Int128.Parse(significant, NumberStyles.None, CultureInfo.InvariantCulture);
        var value = negative ? -magnitude : magnitude;
        if (value < long.MinValue || value > long.MaxValue)
        {
            return false;
        }

        minorUnits = (long)value;
        return true;
    }

    private static string Normalise(string currencyCode) =>
        currencyCode is { Length: 3 } && currencyCode.All(char.IsAsciiLetter)
            ? currencyCode.ToUpperInvariant()
            : throw new ArgumentException($"'{currencyCode}' is not a three-letter ISO 4217 currency code.", nameof(currencyCode));

    /// <summary>Digits, grouped in threes by commas or not grouped at all, then an optional point and decimals.</summary>
    [GeneratedRegex(@"^(?<whole>[1-9][0-9]{0,2}(?:,[0-9]{3})+|[0-9]+)(?<point>\.(?<fraction>[0-9]+))?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Amount();
}
