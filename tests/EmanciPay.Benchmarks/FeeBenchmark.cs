using System.Globalization;
using EmanciPay.Domain.Baskets;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payments;
using EmanciPay.StripeEmulator;

namespace EmanciPay.Benchmarks;

/// <summary>
/// How much of what listeners are charged reaches stations: each monthly pledge charged on its own (before the basket)
/// against one basket a month, for portfolios of 1, 3 and 10 stations at 1.00, 5.00 and 20.00. The fee is the
/// emulator's price (its defaults, Stripe's US card price) and the basket's split is the domain's own code.
/// </summary>
internal static class FeeBenchmark
{
    public static Task<int> RunAsync()
    {
        var emulator = new StripeEmulatorOptions();
        var fees = new FeeSchedule(emulator.FeePercent, emulator.FeeFixed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fee: {emulator.FeePercent}% + {emulator.FeeFixed} (emulator defaults)"));
        Console.WriteLine("| stations | each | charged | fees, per pledge | reaches stations, per pledge | fee, basket | reaches stations, basket |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var stations in new[] { 1, 3, 10 })
        {
            foreach (var amount in new long[] { 100, 500, 2000 })
            {
                var charged = stations * amount;
                var perPledgeFees = stations * fees.FeeFor(amount);
                var basket = Basket.Open("benchmark", new DateOnly(2026, 11, 1), Currency.Usd,
                    Enumerable.Range(0, stations).Select(_ => new BasketItem(Guid.NewGuid(), Guid.NewGuid(), BasketLineKind.Monthly, amount)), DateTimeOffset.UtcNow);
                basket.RecordPaid("pi_benchmark", fees.FeeFor(basket.Amount), DateTimeOffset.UtcNow);
                var basketNet = basket.Lines.Sum(l => l.Net);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {stations} | {Format(amount)} | {Format(charged)} | {Format(perPledgeFees)} | {Share(charged - perPledgeFees, charged)} | {Format(basket.Fee)} | {Share(basketNet, charged)} |"));
            }
        }

        return Task.FromResult(0);
    }

    private static string Format(long cents) => MoneyFormat.Format(cents, "usd");

    private static string Share(long part, long whole) => ((decimal)part / whole).ToString("P1", CultureInfo.InvariantCulture);
}
