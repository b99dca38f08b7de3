using EmanciPay.Domain.Monetary;

namespace EmanciPay.Domain.Baskets;

/// <summary>
/// Stripe's smallest card charge per settlement currency, in minor units (docs.stripe.com/currencies, "Minimum and
/// maximum charge amounts"). A basket below its currency's minimum is not charged: it rolls over to the next month.
/// </summary>
public static class ChargeMinimums
{
    /// <summary>The minimum for currencies Stripe does not list: its 0.50 USD equivalent rule, in two-decimal units.</summary>
    public const long Default = 50;

    private static readonly Dictionary<string, long> ByCurrency = new(StringComparer.Ordinal)
    {
        ["USD"] = 50, ["AED"] = 200, ["AUD"] = 50, ["BGN"] = 100, ["BRL"] = 50, ["CAD"] = 50, ["CHF"] = 50,
        ["CZK"] = 1500, ["DKK"] = 250, ["EUR"] = 50, ["GBP"] = 30, ["HKD"] = 400, ["HUF"] = 17500, ["INR"] = 50,
        ["JPY"] = 50, ["MXN"] = 1000, ["MYR"] = 200, ["NOK"] = 300, ["NZD"] = 50, ["PLN"] = 200, ["RON"] = 200,
        ["SEK"] = 300, ["SGD"] = 50, ["THB"] = 1000,
    };

    public static long For(Currency currency) => ByCurrency.GetValueOrDefault(currency.Code, Default);
}
