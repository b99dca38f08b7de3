using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator;

/// <summary>
/// Payouts to a bank account: <c>POST /v1/payouts</c> and <c>GET /v1/payouts/{id}</c>. Without a <c>Stripe-Account</c>
/// header they pay the platform's available balance out (a balance transaction of type payout, then <c>payout.created</c>
/// and, test mode being instant, <c>payout.paid</c>); with one, a connected account pays out what its transfers left it,
/// which is then no longer there for a transfer reversal to take back. <c>GET /v1/balance</c> answers for either.
/// </summary>
public sealed partial class StripeEmulator
{
    internal static readonly Parameters CreatePayoutParameters = Parameters.Operation(
        ("amount", Parameters.Value),
        ("currency", Parameters.Value),
        ("description", Parameters.Value),
        ("statement_descriptor", Parameters.Value),
        ("metadata", Parameters.Map));

    internal static readonly Parameters RetrievePayoutParameters = Parameters.Operation();

    internal static readonly Parameters RetrieveBalanceParameters = Parameters.Operation();

    public JsonObject CreatePayout(JsonObject p, string? connectedAccount = null)
    {
        var amount = Parameters.Integer(p, "amount") ?? throw StripeApiException.Missing("amount");
        if (amount <= 0)
        {
            throw new StripeApiException(400, "invalid_request_error", "This value must be greater than or equal to 1.", "parameter_invalid_integer", "amount");
        }

        var currency = Parameters.Text(p, "currency")?.ToLowerInvariant() ?? throw StripeApiException.Missing("currency");
        lock (gate)
        {
            if (connectedAccount is not null)
            {
                Get(connectedAccount, "account");
            }

            var available = connectedAccount is null ? AvailableBalance(currency) : ConnectedAvailableBalance(connectedAccount, currency);
            if (amount > available)
            {
                throw new StripeApiException(400, "invalid_request_error", "You have insufficient funds in your Stripe account for this transfer.", "balance_insufficient") { RefusedWhileRunning = true };
            }

            var payout = Store("po", "payout");
            var id = (string)payout["id"]!;
            payout["amount"] = amount;
            payout["application_fee"] = null;
            payout["application_fee_amount"] = null;
            payout["arrival_date"] = Now();
            payout["automatic"] = false;
            payout["balance_transaction"] = connectedAccount is null ? BalanceTransaction(-amount, 0, currency, id, "payout", "payout")["id"]!.DeepClone() : "txn_" + Secret();
            payout["currency"] = currency;
            payout["description"] = Parameters.Text(p, "description") ?? "STRIPE PAYOUT";
            payout["destination"] = "ba_" + Secret();
            payout["failure_balance_transaction"] = null;
            payout["failure_code"] = null;
            payout["failure_message"] = null;
            payout["metadata"] = Parameters.Metadata(p);
            payout["method"] = "standard";
            payout["original_payout"] = null;
            payout["reconciliation_status"] = "not_applicable";
            payout["reversed_by"] = null;
            payout["source_type"] = "card";
            payout["statement_descriptor"] = Parameters.Text(p, "statement_descriptor");
            payout["status"] = "pending";
            payout["type"] = "bank_account";
            payout["trace_id"] = new JsonObject { ["status"] = "pending", ["value"] = null };
            payout["payout_method"] = null;
            payout["_account"] = connectedAccount;
            Emit("payout.created", payout, connectedAccount);
            payout["status"] = "paid";
            payout["trace_id"] = new JsonObject { ["status"] = "supported", ["value"] = "TRACE" + Secret()[..10] };
            Emit("payout.paid", payout, connectedAccount);
            return Public(payout);
        }
    }

    /// <summary><c>GET /v1/balance</c>: the platform's, or with <c>Stripe-Account</c> a connected account's, all available at once here.</summary>
    public JsonObject Balance(string? connectedAccount)
    {
        lock (gate)
        {
            var currencies = NewestFirst("balance_transaction").Select(t => (string)t["currency"]!)
                .Concat(NewestFirst("transfer").Select(t => (string)t["currency"]!)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).DefaultIfEmpty("usd");
            var available = new JsonArray();
            var pending = new JsonArray();
            foreach (var currency in currencies)
            {
                var amount = connectedAccount is null ? AvailableBalance(currency) : ConnectedAvailableBalance(connectedAccount, currency);
                available.Add(new JsonObject { ["amount"] = amount, ["currency"] = currency, ["source_types"] = new JsonObject { ["card"] = amount } });
                pending.Add(new JsonObject { ["amount"] = 0L, ["currency"] = currency, ["source_types"] = new JsonObject { ["card"] = 0L } });
            }

            return new JsonObject { ["object"] = "balance", ["available"] = available, ["livemode"] = false, ["pending"] = pending };
        }
    }

    /// <summary>What a connected account holds: its transfers in, less what was reversed and what it paid out to its bank.</summary>
    public long ConnectedAvailableBalance(string accountId, string currency)
    {
        lock (gate)
        {
            var transferred = NewestFirst("transfer").Where(t => (string?)t["destination"] == accountId && (string?)t["currency"] == currency)
                .Sum(t => (long)t["amount"]! - (long)t["amount_reversed"]!);
            var paidOut = NewestFirst("payout").Where(p => (string?)p["_account"] == accountId && (string?)p["currency"] == currency).Sum(p => (long)p["amount"]!);
            return transferred - paidOut;
        }
    }
}
