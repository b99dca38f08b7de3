using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator;

/// <summary>
/// Reversals of a transfer, whole or in part (<c>POST /v1/transfers/{id}/reversals</c>): the amount comes back to the
/// platform's balance and the transfer records what was reversed.
/// </summary>
public sealed partial class StripeEmulator
{
    internal static readonly Parameters CreateTransferReversalParameters = Parameters.Operation(
        ("amount", Parameters.Value),
        ("description", Parameters.Value),
        ("refund_application_fee", Parameters.Value),
        ("metadata", Parameters.Map));

    public JsonObject CreateTransferReversal(string transferId, JsonObject p)
    {
        var requested = Parameters.Integer(p, "amount");
        Parameters.Boolean(p, "refund_application_fee");
        lock (gate)
        {
            var transfer = Get(transferId, "transfer");
            var reversible = (long)transfer["amount"]! - (long)transfer["amount_reversed"]!;
            var amount = requested ?? reversible;
            if (reversible == 0)
            {
                throw new StripeApiException(400, "invalid_request_error", $"Transfer {transferId} has already been fully reversed.") { RefusedWhileRunning = true };
            }

            if (amount <= 0)
            {
                throw new StripeApiException(400, "invalid_request_error", "This value must be greater than or equal to 1.", "parameter_invalid_integer", "amount");
            }

            if (amount > reversible)
            {
                throw StripeApiException.Invalid("amount", $"You cannot reverse more than the remaining amount of the transfer ({reversible}); you asked for {amount}.");
            }

            // Stripe takes a reversal from the connected account's balance: what it has paid out to its bank is gone.
            var held = ConnectedAvailableBalance((string)transfer["destination"]!, (string)transfer["currency"]!);
            if (amount > held)
            {
                throw new StripeApiException(400, "invalid_request_error",
                    $"Insufficient funds in the connected account to reverse {amount}: it holds {held}.", "balance_insufficient") { RefusedWhileRunning = true };
            }

            var reversal = Store("trr", "transfer_reversal");
            reversal.Remove("livemode"); // Stripe's spec gives a transfer reversal no livemode.
            var currency = (string)transfer["currency"]!;
            var transaction = BalanceTransaction(amount, 0, currency, (string)reversal["id"]!, "transfer_refund", "transfer_reversal");
            reversal["amount"] = amount;
            reversal["balance_transaction"] = transaction["id"]!.DeepClone();
            reversal["currency"] = currency;
            reversal["destination_payment_refund"] = "pyr_" + Secret();
            reversal["metadata"] = Parameters.Metadata(p);
            reversal["source_refund"] = null;
            reversal["transfer"] = transferId;
            transfer["amount_reversed"] = (long)transfer["amount_reversed"]! + amount;
            transfer["reversed"] = (long)transfer["amount_reversed"]! == (long)transfer["amount"]!;
            ((JsonArray)transfer["reversals"]!["data"]!).Insert(0, Public(reversal));
            Emit("transfer.reversed", transfer);
            return Public(reversal);
        }
    }
}
