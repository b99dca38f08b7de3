namespace EmanciPay.Domain.Monetary;

/// <summary>An ISO 4217 currency code, held upper-case ("USD").</summary>
public readonly record struct Currency
{
    private Currency(string code) => Code = code;

    public string Code { get; }

    public static Currency Usd { get; } = new("USD");

    /// <summary>Accepts any case ("usd", as Stripe writes it) and normalises to upper case.</summary>
    public static Currency Parse(string code) =>
        TryParse(code, out var currency)
            ? currency
            : throw new ArgumentException($"'{code}' is not a three-letter ISO 4217 currency code.", nameof(code));

    public static bool TryParse(string? code, out Currency currency)
    {
        currency = default;
        if (code is not { Length: 3 } || !code.All(char.IsAsciiLetter))
        {
            return false;
        }

        currency = new Currency(code.ToUpperInvariant());
        return true;
    }

    public override string ToString() => Code;
}
