using System.Globalization;

namespace EmanciPay.Web;

/// <summary>Minor units shown to people, and amounts people type read back into minor units.</summary>
public static class Money
{
    public static string Format(long minorUnits, string currency) =>
        currency.Equals("usd", StringComparison.OrdinalIgnoreCase)
            ? (minorUnits / 100m).ToString("$#,##0.00", CultureInfo.InvariantCulture)
            : $"{(minorUnits / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture)} {currency.ToUpperInvariant()}";

    /// <summary>"10", "10.5", "$1,000.00" in dollars; null when it is not an amount with at most two decimals.</summary>
    public static long? ParseDollars(string? text)
    {
        var cleaned = text?.Trim().TrimStart('$').Replace(",", "", StringComparison.Ordinal);
        return decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var dollars)
               && decimal.Round(dollars, 2) == dollars && dollars < 100_000_000m
            ? (long)(dollars * 100)
            : null;
    }
}
