using Microsoft.Extensions.Caching.Memory;
using Stripe;

namespace EmanciPay.Infrastructure.Payments;

/// <summary>
/// Stripe's fee for each charge, from the charge's balance transaction. A batch's charges are found by listing Stripe's
/// balance transactions, newest first, a hundred a page, back to the oldest payment in the batch, instead of reading
/// each payment on its own (Stripe limits how many calls a second an account may make). Balance transactions never
/// change, so every one listed is remembered for a while and a later batch rarely lists again.
/// </summary>
public sealed class ChargeFees : IDisposable
{
    public const int MaxPagesPerLookup = 50;

    private const int PageSize = 100;

    private static readonly MemoryCacheEntryOptions Remembered = new() { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) };

    private readonly MemoryCache known = new(new MemoryCacheOptions { SizeLimit = 200_000 });

    /// <summary>The fees found, by charge id; a charge not among them has to be read from Stripe by its payment.</summary>
    public async Task<Dictionary<string, long>> FindAsync(IStripeClient stripe, IReadOnlyCollection<(string ChargeId, DateTime NotBefore)> charges, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (chargeId, _) in charges)
        {
            if (known.TryGetValue(chargeId, out long fee))
            {
                found[chargeId] = fee;
            }
            else
            {
                missing.Add(chargeId);
            }
        }

        if (missing.Count == 0)
        {
            return found;
        }

        // A charge's balance transaction is created with it, so never before its PaymentIntent was.
        var options = new BalanceTransactionListOptions
        {
            Created = new DateRangeOptions { GreaterThanOrEqual = charges.Where(c => missing.Contains(c.ChargeId)).Min(c => c.NotBefore) },
            Limit = PageSize,
        };
        var service = new BalanceTransactionService(stripe);
        for (var page = 0; page < MaxPagesPerLookup && missing.Count > 0; page++)
        {
            var transactions = await service.ListAsync(options, cancellationToken: cancellationToken);
            foreach (var transaction in transactions.Data.Where(t => t.SourceId is not null))
            {
                known.Set(transaction.SourceId, transaction.Fee, Remembered);
                if (missing.Remove(transaction.SourceId))
                {
                    found[transaction.SourceId] = transaction.Fee;
                }
            }

            if (!transactions.HasMore || transactions.Data.Count == 0)
            {
                break;
            }

            options.StartingAfter = transactions.Data[^1].Id;
        }

        return found;
    }

    public void Dispose() => known.Dispose();
}
