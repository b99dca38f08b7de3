using System.Runtime.InteropServices;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Reconciliation;

namespace EmanciPay.Application.Features.Reconciliation;

/// <summary>A problem found about one Stripe object; amounts are gross, signed as they move the platform's balance.</summary>
public sealed record Finding(
    string SourceId, DiscrepancyKind Kind, string Category, string Currency, string? LedgerCurrency,
    long? StripeAmount, long? LedgerAmount, long? StripeFee, long? LedgerFee, DateTimeOffset OccurredAt);

/// <summary>What one run counted for a reporting category.</summary>
public sealed record CategoryCount(string Category, long StripeItems, long LedgerItems, long Matched, long Discrepancies);

/// <summary>
/// Both sides of a period, summed per Stripe object (a dispute and its reversal are one object; a payout's reserve and
/// post are one) and compared. Items just outside the period are added to match items inside it but are never reported
/// by themselves. One dictionary entry of 64-byte structs per object (categories and currencies as numbers into one
/// list of names, times as UTC ticks) keeps a million objects to about 110 MiB besides their ids.
/// </summary>
public sealed class BalanceMatcher(DateTimeOffset from, DateTimeOffset to)
{
    private readonly Dictionary<string, Pair> pairs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ushort> categories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ushort> currencies = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> names = [""];

    public long StripeItems { get; private set; }

    public long LedgerItems { get; private set; }

    /// <summary>Room for this many objects at once: growing by doubling would hold the old table and the new together.</summary>
    public void Expect(int objects) => pairs.EnsureCapacity(objects);

    public void AddStripe(BalanceItem item)
    {
        ref var pair = ref CollectionsMarshal.GetValueRefOrAddDefault(pairs, item.SourceId, out _);
        var inPeriod = item.Created >= from && item.Created < to;
        if (inPeriod)
        {
            StripeItems++;
        }

        Add(ref pair.Stripe, Name(categories, item.ReportingCategory), Name(currencies, item.Currency), item.Amount, item.Fee, item.Created, inPeriod);
    }

    /// <summary>A ledger cause's movement of the Stripe balance, in one currency; nothing moved is nothing to match.</summary>
    public void AddLedger(string sourceId, string currency, long amount, long fee, DateTimeOffset postedAt, bool mayReport = true)
    {
        if (amount == 0 && fee == 0)
        {
            return;
        }

        ref var pair = ref CollectionsMarshal.GetValueRefOrAddDefault(pairs, sourceId, out _);
        var inPeriod = mayReport && postedAt >= from && postedAt < to;
        if (inPeriod && !pair.Ledger.InPeriod)
        {
            LedgerItems++;
        }

        Add(ref pair.Ledger, Name(categories, CategoryOf(sourceId)), Name(currencies, currency), amount, fee, postedAt, inPeriod);
    }

    public (IReadOnlyList<Finding> Findings, IReadOnlyList<CategoryCount> Categories, long Matched) Compare()
    {
        var findings = new List<Finding>();
        var counts = new Dictionary<string, (long Stripe, long Ledger, long Matched, long Discrepancies)>(StringComparer.Ordinal);
        long matched = 0;
        var found = new List<DiscrepancyKind>(2);
        foreach (var (sourceId, pair) in pairs)
        {
            if (!pair.Stripe.InPeriod && !pair.Ledger.InPeriod)
            {
                continue;
            }

            var (stripe, ledger) = (pair.Stripe, pair.Ledger);
            var category = names[stripe.Present ? stripe.Category : ledger.Category];
            found.Clear();
            if (!ledger.Present)
            {
                found.Add(DiscrepancyKind.MissingInLedger);
            }
            else if (!stripe.Present)
            {
                found.Add(DiscrepancyKind.MissingAtStripe);
            }
            else if (stripe.Currency != ledger.Currency || stripe.MixedCurrency || ledger.MixedCurrency)
            {
                found.Add(DiscrepancyKind.CurrencyDiffers);
            }
            else
            {
                if (stripe.Amount != ledger.Amount)
                {
                    found.Add(DiscrepancyKind.AmountDiffers);
                }

                if (stripe.Fee != ledger.Fee)
                {
                    found.Add(DiscrepancyKind.FeeDiffers);
                }
            }

            var count = counts.GetValueOrDefault(category);
            counts[category] = (
                count.Stripe + (stripe.InPeriod ? 1 : 0),
                count.Ledger + (ledger.InPeriod ? 1 : 0),
                count.Matched + (found.Count == 0 ? 1 : 0),
                count.Discrepancies + found.Count);
            if (found.Count == 0)
            {
                matched++;
                continue;
            }

            var occurredAt = new DateTimeOffset(stripe.Present ? stripe.AtTicks : ledger.AtTicks, TimeSpan.Zero);
            var ledgerCurrency = ledger.Present ? names[ledger.Currency] : null;
            findings.AddRange(found.Select(kind => new Finding(
                sourceId, kind, category, stripe.Present ? names[stripe.Currency] : ledgerCurrency!, ledgerCurrency,
                stripe.Present ? stripe.Amount : null, ledger.Present ? ledger.Amount : null,
                stripe.Present ? stripe.Fee : null, ledger.Present ? ledger.Fee : null, occurredAt)));
        }

        var categories = counts.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new CategoryCount(c.Key, c.Value.Stripe, c.Value.Ledger, c.Value.Matched, c.Value.Discrepancies))
            .ToList();
        return (findings, categories, matched);
    }

    /// <summary>Stripe's reporting category for an object id, for objects Stripe does not report.</summary>
    public static string CategoryOf(string sourceId) => sourceId switch
    {
        _ when sourceId.StartsWith("pi_", StringComparison.Ordinal) || sourceId.StartsWith("ch_", StringComparison.Ordinal) => "charge",
        _ when sourceId.StartsWith("re_", StringComparison.Ordinal) || sourceId.StartsWith("pyr_", StringComparison.Ordinal) => "refund",
        _ when sourceId.StartsWith("trr_", StringComparison.Ordinal) => "transfer_reversal",
        _ when sourceId.StartsWith("tr_", StringComparison.Ordinal) => "transfer",
        _ when sourceId.StartsWith("dp_", StringComparison.Ordinal) || sourceId.StartsWith("du_", StringComparison.Ordinal) => "dispute",
        _ when sourceId.StartsWith("po_", StringComparison.Ordinal) => "payout",
        _ => "other",
    };

    private static void Add(ref Side side, ushort category, ushort currency, long amount, long fee, DateTimeOffset at, bool inPeriod)
    {
        if (side.Present && side.Currency != currency)
        {
            side.MixedCurrency = true;
        }

        if (!side.Present)
        {
            (side.Category, side.Currency, side.AtTicks) = (category, currency, at.UtcTicks);
        }

        side.Amount += amount;
        side.Fee += fee;
        side.AtTicks = Math.Min(side.AtTicks, at.UtcTicks);
        side.InPeriod |= inPeriod;
        side.Present = true;
    }

    // Categories and currencies repeat on every row: each is one number into one list of names (currencies in lower case).
    private ushort Name(Dictionary<string, ushort> known, string value)
    {
        ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(known, value, out var exists);
        if (!exists)
        {
            number = checked((ushort)names.Count);
            names.Add(ReferenceEquals(known, currencies) ? value.ToLowerInvariant() : value);
        }

        return number;
    }

    private struct Side
    {
        public long Amount;
        public long Fee;
        public long AtTicks;
        public ushort Category;
        public ushort Currency;
        public bool Present;
        public bool InPeriod;
        public bool MixedCurrency;
    }

    private struct Pair
    {
        public Side Stripe;
        public Side Ledger;
    }
}
