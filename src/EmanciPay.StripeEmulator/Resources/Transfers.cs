using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator;

/// <summary>
/// Transfers from the platform's available balance to a connected account: <c>POST /v1/transfers</c>,
/// <c>GET /v1/transfers/{id}</c> and <c>GET /v1/transfers</c> (by <c>transfer_group</c> or <c>destination</c>, newest first,
/// a page at a time: Stripe has no search by metadata, so a caller looking for its own transfer lists its group).
/// </summary>
public sealed partial class StripeEmulator
{
    internal static readonly Parameters CreateTransferParameters = Parameters.Operation(
        ("amount", Parameters.Value),
        ("currency", Parameters.Value),
        ("destination", Parameters.Value),
        ("transfer_group", Parameters.Value),
        ("description", Parameters.Value),
        ("source_type", Parameters.Value),
        ("metadata", Parameters.Map));

    internal static readonly Parameters RetrieveTransferParameters = Parameters.Operation();

    internal static readonly Parameters ListTransfersParameters = Parameters.Operation(
        [("transfer_group", Parameters.Value), ("destination", Parameters.Value), ("created", ListPage.Created), .. ListPage.PageParameters]);

    public JsonObject CreateTransfer(JsonObject p)
    {
        var amount = Parameters.Integer(p, "amount") ?? throw StripeApiException.Missing("amount");
        if (amount <= 0)
        {
            throw new StripeApiException(400, "invalid_request_error", "This value must be greater than or equal to 1.", "parameter_invalid_integer", "amount");
        }

        var currency = Parameters.Text(p, "currency")?.ToLowerInvariant() ?? throw StripeApiException.Missing("currency");
        var destinationId = Parameters.Text(p, "destination") ?? throw StripeApiException.Missing("destination");
        var sourceType = Parameters.Text(p, "source_type") ?? "card";
        if (sourceType is not ("card" or "bank_account" or "fpx"))
        {
            throw StripeApiException.Invalid("source_type", $"Invalid source_type: must be one of bank_account, card, or fpx, not '{sourceType}'.");
        }

        lock (gate)
        {
            if (!objects.TryGetValue(destinationId, out var destination) || (string?)destination["object"] != "account")
            {
                throw new StripeApiException(400, "invalid_request_error", $"No such destination: '{destinationId}'", "resource_missing", "destination");
            }

            if ((string?)destination["capabilities"]?["transfers"] != "active" || !(bool)destination["payouts_enabled"]!)
            {
                throw new StripeApiException(400, "invalid_request_error",
                    "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
                    "insufficient_capabilities_for_transfer", "destination") { RefusedWhileRunning = true };
            }

            var available = AvailableBalance(currency);
            if (amount > available)
            {
                throw new StripeApiException(400, "invalid_request_error",
                    "You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card. See: https://stripe.com/docs/testing#available-balance",
                    "balance_insufficient") { RefusedWhileRunning = true };
            }

            var transfer = Store("tr", "transfer");
            var id = (string)transfer["id"]!;
            var transaction = BalanceTransaction(-amount, 0, currency, id, "transfer", "transfer");
            transfer["amount"] = amount;
            transfer["amount_reversed"] = 0L;
            transfer["balance_transaction"] = transaction["id"]!.DeepClone();
            transfer["currency"] = currency;
            transfer["description"] = Parameters.Text(p, "description");
            transfer["destination"] = destinationId;
            transfer["destination_payment"] = "py_" + Secret();
            transfer["metadata"] = Parameters.Metadata(p);
            transfer["reversals"] = new JsonObject { ["object"] = "list", ["data"] = new JsonArray(), ["has_more"] = false, ["url"] = $"/v1/transfers/{id}/reversals" };
            transfer["reversed"] = false;
            transfer["source_transaction"] = null;
            transfer["source_type"] = sourceType;
            transfer["transfer_group"] = Parameters.Text(p, "transfer_group");
            Emit("transfer.created", transfer);
            return Public(transfer);
        }
    }

    /// <summary>Transfers, newest first, as <c>GET /v1/transfers</c>: optionally of one <c>transfer_group</c> or <c>destination</c>.</summary>
    public JsonObject ListTransfers(JsonObject p)
    {
        lock (gate)
        {
            var group = Parameters.Text(p, "transfer_group");
            var destination = Parameters.Text(p, "destination");
            return ListPage.Of(p, "/v1/transfers", NewestFirst("transfer"),
                transfer => (group is null || (string?)transfer["transfer_group"] == group)
                    && (destination is null || (string?)transfer["destination"] == destination)
                    && ListPage.CreatedWithin(p, (long)transfer["created"]!),
                Public);
        }
    }

    /// <summary>The platform's available balance in a currency: every balance transaction's net, all available at once here.</summary>
    public long AvailableBalance(string currency)
    {
        lock (gate)
        {
            return NewestFirst("balance_transaction").Where(t => (string?)t["currency"] == currency).Sum(t => (long)t["net"]!);
        }
    }
}
