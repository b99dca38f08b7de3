namespace EmanciPay.Application.Payments;

/// <summary>
/// One Stripe balance transaction as reconciliation needs it. <paramref name="SourceId"/> is the object that moved the
/// money (re_, tr_, trr_, dp_, po_...), except that a charge is named by its PaymentIntent, as our ledger names payments.
/// Amounts are in minor units, signed as they move the platform's balance.
/// </summary>
public sealed record BalanceItem(string Id, string ReportingCategory, string SourceId, long Amount, long Fee, string Currency, DateTimeOffset Created);

/// <summary>Stripe's balance transactions over a period (Stripe.net in Infrastructure).</summary>
public interface IBalanceReportGateway
{
    /// <summary>Through the list API, a page at a time: for small periods.</summary>
    IAsyncEnumerable<BalanceItem> ListAsync(DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Through the Reporting API, as Stripe recommends for volume: runs the itemized balance change report, waits for
    /// it, then streams its CSV file row by row.
    /// </summary>
    IAsyncEnumerable<BalanceItem> ReportAsync(DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken);
}
