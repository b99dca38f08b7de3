namespace EmanciPay.Domain.Monetary;

/// <summary>An amount in minor units (cents) of one currency. Arithmetic is checked and never mixes currencies.</summary>
public readonly record struct Money(long Amount, Currency Currency)
{
    public static Money operator +(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return new Money(checked(left.Amount + right.Amount), left.Currency);
    }

    public static Money operator -(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return new Money(checked(left.Amount - right.Amount), left.Currency);
    }

    /// <summary>
    /// Splits this amount in proportion to <paramref name="weights"/> by the largest remainder method,
    /// so the parts always add up to exactly this amount: no cent is lost or created by rounding.
    /// Ties in the remainder go to the earlier weight, which keeps the result deterministic.
    /// </summary>
    public IReadOnlyList<Money> Allocate(IReadOnlyList<long> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0 || weights.Any(w => w < 0) || weights.All(w => w == 0))
        {
            throw new ArgumentException("Weights must be non-negative and not all zero.", nameof(weights));
        }

        var total = weights.Aggregate(Int128.Zero, (sum, w) => sum + w);
        var parts = new long[weights.Count];
        var remainders = new Int128[weights.Count];
        long allocated = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = (Int128)Amount * weights[i];
            parts[i] = (long)(exact / total);
            remainders[i] = Int128.Abs(exact % total);
            allocated += parts[i];
        }

        var leftover = Amount - allocated;
        var step = Math.Sign(leftover);
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take((int)Math.Abs(leftover)))
        {
            parts[i] += step;
        }

        var currency = Currency;
        return parts.Select(p => new Money(p, currency)).ToArray();
    }

    public override string ToString() => $"{Amount} {Currency}";

    private static void EnsureSameCurrency(Money left, Money right)
    {
        if (left.Currency != right.Currency)
        {
            throw new InvalidOperationException($"Cannot combine {left.Currency} with {right.Currency}.");
        }
    }
}
