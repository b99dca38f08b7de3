using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator;

/// <summary>
/// Balance transactions, one per charge (with Stripe's fee) and per refund: <c>GET /v1/balance_transactions</c>
/// (newest first, by <c>type</c> and <c>created</c>, a page at a time) and <c>GET /v1/balance_transactions/{id}</c>.
/// </summary>
public sealed partial class StripeEmulator
{
    internal static readonly Parameters ListBalanceTransactionsParameters = Parameters.Operation(
        [("type", Parameters.Value), ("created", ListPage.Created), .. ListPage.PageParameters]);

    internal static readonly Parameters RetrieveBalanceTransactionParameters = Parameters.Operation();

    /// <summary>
    /// Balance transactions, newest first, as <c>GET /v1/balance_transactions</c>: optionally of one <c>type</c> and
    /// within <c>created[gte|gt|lte|lt]</c>, paged with <c>starting_after</c> or <c>ending_before</c>.
    /// </summary>
    public JsonObject ListBalanceTransactions(JsonObject p)
    {
        lock (gate)
        {
            var type = Parameters.Text(p, "type");
            var expandSource = Parameters.Expand(p).Contains("data.source");
            return ListPage.Of(p, "/v1/balance_transactions", NewestFirst("balance_transaction"),
                transaction => (type is null || (string?)transaction["type"] == type) && ListPage.CreatedWithin(p, (long)transaction["created"]!),
                transaction =>
                {
                    var listed = Public(transaction);
                    if (expandSource)
                    {
                        Expand(listed, ["source"]);
                    }

                    return listed;
                });
        }
    }

    private JsonObject BalanceTransaction(long amount, long fee, string currency, string source, string type, string reportingCategory)
    {
        var transaction = Store("txn", "balance_transaction");
        transaction["amount"] = amount;
        transaction["available_on"] = transaction["created"]!.DeepClone();
        transaction["balance_type"] = "payments";
        transaction["currency"] = currency;
        transaction["description"] = null;
        transaction["exchange_rate"] = null;
        transaction["fee"] = fee;
        transaction["fee_details"] = fee == 0
            ? new JsonArray()
            : new JsonArray(new JsonObject { ["amount"] = fee, ["application"] = null, ["currency"] = currency, ["description"] = "Stripe processing fees", ["type"] = "stripe_fee" });
        transaction["net"] = amount - fee;
        transaction["reporting_category"] = reportingCategory;
        transaction["source"] = source;
        transaction["status"] = "available";
        transaction["type"] = type;
        return transaction;
    }
}
