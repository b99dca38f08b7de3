using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using CsvHelper;
using CsvHelper.Configuration;
using EmanciPay.Application.Payments;
using Stripe;
using Stripe.Reporting;

namespace EmanciPay.Infrastructure.Payments;

/// <summary>
/// Stripe's balance transactions for reconciliation through Stripe.net: the list API (charges expanded, to name them by
/// their PaymentIntent), or the Reporting API's itemized balance change report, whose CSV file is streamed through
/// CsvHelper a row at a time. Reports give amounts in major units, as Stripe writes them; they become minor units here.
/// </summary>
internal sealed class StripeBalanceReportGateway(IStripeClient stripe, IHttpClientFactory httpClients, TimeProvider clock) : IBalanceReportGateway
{
    public const string ReportType = "balance_change_from_activity.itemized.3";

    public static readonly string[] Columns =
        ["balance_transaction_id", "created_utc", "currency", "gross", "fee", "net", "reporting_category", "source_id", "payment_intent_id"];

    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(30);

    // ISO 4217 currencies Stripe charges in whole units.
    private static readonly HashSet<string> ZeroDecimal = new(StringComparer.OrdinalIgnoreCase)
        { "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf" };

    public async IAsyncEnumerable<BalanceItem> ListAsync(DateTimeOffset start, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new BalanceTransactionListOptions
        {
            Created = new DateRangeOptions { GreaterThanOrEqual = start.UtcDateTime, LessThan = until.UtcDateTime },
            Limit = 100,
            Expand = ["data.source"],
        };
        var pages = Guard(new BalanceTransactionService(stripe).ListAutoPagingAsync(options, cancellationToken: cancellationToken), cancellationToken);
        await foreach (var transaction in pages)
        {
            var source = transaction.Source is Charge charge && charge.PaymentIntentId is { } intent ? intent : transaction.SourceId ?? transaction.Id;
            yield return new BalanceItem(transaction.Id, transaction.ReportingCategory, source, transaction.Amount, transaction.Fee, transaction.Currency, new DateTimeOffset(transaction.Created, TimeSpan.Zero));
        }
    }

    public async IAsyncEnumerable<BalanceItem> ReportAsync(DateTimeOffset start, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var fileUrl = await RunReportAsync(start, until, cancellationToken);

        // The file is fetched as Stripe documents it: its url, with the secret key, read as it arrives.
        using var request = new HttpRequestMessage(HttpMethod.Get, fileUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", stripe.ApiKey);
        using var response = await CallAsync(() => httpClients.CreateClient(StripeSettings.HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken));
        if (!response.IsSuccessStatusCode)
        {
            throw new PaymentProviderUnavailableException($"Stripe's report file answered {(int)response.StatusCode}.");
        }

        await using var contents = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(contents);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        await csv.ReadAsync();
        csv.ReadHeader();
        while (await csv.ReadAsync())
        {
            var currency = csv.GetField("currency")!;
            var category = csv.GetField("reporting_category")!;

            // Refunds and disputes name their charge's PaymentIntent too: only a charge is known by it.
            var source = category == "charge" && csv.GetField("payment_intent_id") is { Length: > 0 } intent ? intent : csv.GetField("source_id")!;
            yield return new BalanceItem(
                csv.GetField("balance_transaction_id")!,
                category,
                source,
                Minor(csv.GetField("gross")!, currency),
                Minor(csv.GetField("fee")!, currency),
                currency,
                new DateTimeOffset(DateTime.SpecifyKind(DateTime.ParseExact(csv.GetField("created_utc")!, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), DateTimeKind.Utc)));
        }
    }

    private async Task<string> RunReportAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var service = new ReportRunService(stripe);
        var run = await CallAsync(() => service.CreateAsync(
            new ReportRunCreateOptions
            {
                ReportType = ReportType,
                Parameters = new ReportRunParametersOptions { IntervalStart = from.UtcDateTime, IntervalEnd = to.UtcDateTime, Columns = [.. Columns] },
            },
            cancellationToken: cancellationToken));
        var deadline = clock.GetUtcNow() + GiveUpAfter;
        while (run.Status == "pending")
        {
            if (clock.GetUtcNow() > deadline)
            {
                throw new PaymentProviderUnavailableException($"Stripe's report {run.Id} was not ready within {GiveUpAfter.TotalMinutes} minutes.");
            }

            await Task.Delay(PollEvery, cancellationToken);
            run = await CallAsync(() => service.GetAsync(run.Id, cancellationToken: cancellationToken));
        }

        return run.Status == "succeeded" && run.Result?.Url is { } file
            ? file
            : throw new PaymentProviderUnavailableException($"Stripe's report {run.Id} failed: {run.Error}");
    }

    private static long Minor(string amount, string currency)
    {
        var value = decimal.Parse(amount, NumberStyles.Number, CultureInfo.InvariantCulture);
        return (long)(ZeroDecimal.Contains(currency) ? value : value * 100);
    }

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception exception) when (Unreachable(exception))
        {
            throw new PaymentProviderUnavailableException("Stripe could not be reached.", exception);
        }
    }

    private static async IAsyncEnumerable<T> Guard<T>(IAsyncEnumerable<T> items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var enumerator = items.GetAsyncEnumerator(cancellationToken);
        await using (enumerator)
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await enumerator.MoveNextAsync();
                }
                catch (Exception exception) when (Unreachable(exception))
                {
                    throw new PaymentProviderUnavailableException("Stripe could not be reached.", exception);
                }

                if (!more)
                {
                    yield break;
                }

                yield return enumerator.Current;
            }
        }
    }

    private static bool Unreachable(Exception exception) =>
        exception is HttpRequestException or TaskCanceledException
        || exception is StripeException { HttpStatusCode: HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError };
}
