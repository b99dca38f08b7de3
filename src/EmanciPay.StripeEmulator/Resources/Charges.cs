using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator;

/// <summary>
/// Charges, made when a PaymentIntent is confirmed with a card: Stripe's test cards decide the outcome, a success gets a
/// balance transaction with Stripe's fee. <c>GET /v1/charges/{id}</c>.
/// </summary>
public sealed partial class StripeEmulator
{
    /// <summary>Stripe's test card whose charge succeeds and is then disputed as fraudulent.</summary>
    public const string DisputedCard = "4000000000000259";

    internal static readonly Parameters RetrieveChargeParameters = Parameters.Operation();

    private JsonObject Charge(JsonObject intent, JsonObject method)
    {
        var amount = (long)intent["amount"]!;
        var currency = (string)intent["currency"]!;
        var (code, declineCode, message) = Outcome(cardNumbers[(string)method["id"]!]);
        var succeeded = code is null;
        var card = (JsonObject)method["card"]!;
        var charge = Store("ch", "charge");
        charge["amount"] = amount;
        charge["amount_captured"] = succeeded ? amount : 0L;
        charge["amount_refunded"] = 0L;
        charge["application"] = null;
        charge["application_fee"] = null;
        charge["application_fee_amount"] = null;
        charge["balance_transaction"] = null;
        charge["billing_details"] = method["billing_details"]!.DeepClone();
        charge["calculated_statement_descriptor"] = "EMANCIPAY";
        charge["captured"] = succeeded;
        charge["currency"] = currency;
        charge["customer"] = intent["customer"]?.DeepClone();
        charge["description"] = intent["description"]?.DeepClone();
        charge["disputed"] = false;
        charge["failure_balance_transaction"] = null;
        charge["failure_code"] = code;
        charge["failure_message"] = message;
        charge["fraud_details"] = new JsonObject();
        charge["metadata"] = intent["metadata"]!.DeepClone();
        charge["on_behalf_of"] = null;
        charge["outcome"] = new JsonObject
        {
            ["advice_code"] = null,
            ["network_advice_code"] = null,
            ["network_decline_code"] = null,
            ["network_status"] = succeeded ? "approved_by_network" : "declined_by_network",
            ["reason"] = declineCode,
            ["risk_level"] = "normal",
            ["seller_message"] = succeeded ? "Payment complete." : "The bank did not return any further details with this decline.",
            ["type"] = succeeded ? "authorized" : "issuer_declined",
        };
        charge["paid"] = succeeded;
        charge["payment_intent"] = intent["id"]!.DeepClone();
        charge["payment_method"] = method["id"]!.DeepClone();
        charge["payment_method_details"] = new JsonObject
        {
            ["card"] = new JsonObject
            {
                ["brand"] = card["brand"]!.DeepClone(),
                ["country"] = card["country"]!.DeepClone(),
                ["exp_month"] = card["exp_month"]!.DeepClone(),
                ["exp_year"] = card["exp_year"]!.DeepClone(),
                ["fingerprint"] = card["fingerprint"]!.DeepClone(),
                ["funding"] = card["funding"]!.DeepClone(),
                ["last4"] = card["last4"]!.DeepClone(),
                ["network"] = card["brand"]!.DeepClone(),
            },
            ["type"] = "card",
        };
        charge["receipt_email"] = null;
        charge["receipt_number"] = null;
        charge["refunded"] = false;
        charge["review"] = null;
        charge["shipping"] = null;
        charge["source_transfer"] = null;
        charge["statement_descriptor"] = null;
        charge["statement_descriptor_suffix"] = null;
        charge["status"] = succeeded ? "succeeded" : "failed";
        charge["transfer_data"] = null;
        charge["transfer_group"] = null;
        intent["latest_charge"] = charge["id"]!.DeepClone();
        intent["payment_method"] = method["id"]!.DeepClone();
        if (!succeeded)
        {
            intent["status"] = "requires_payment_method";
            intent["last_payment_error"] = new JsonObject
            {
                ["type"] = "card_error",
                ["code"] = code,
                ["decline_code"] = declineCode,
                ["message"] = message,
                ["charge"] = charge["id"]!.DeepClone(),
                ["payment_method"] = Public(method),
            };
            Emit("charge.failed", charge);
            Emit("payment_intent.payment_failed", intent);
            return charge;
        }

        var fee = (long)Math.Round(amount * options.FeePercent / 100m, MidpointRounding.AwayFromZero) + options.FeeFixed;
        var transaction = BalanceTransaction(amount, fee, currency, (string)charge["id"]!, "charge", "charge");
        charge["balance_transaction"] = transaction["id"]!.DeepClone();
        intent["status"] = "succeeded";
        intent["amount_received"] = amount;
        intent["last_payment_error"] = null;
        Emit("charge.succeeded", charge);
        Emit("payment_intent.succeeded", intent);
        if (cardNumbers[(string)method["id"]!] == DisputedCard)
        {
            OpenDispute(charge);
        }

        return charge;
    }

    private static (string? Code, string? DeclineCode, string? Message) Outcome(string digits) => digits switch
    {
        "4242424242424242" or "5555555555554444" or DisputedCard => (null, null, null),
        "4000000000000002" => ("card_declined", "generic_decline", "Your card was declined."),
        "4000000000009995" => ("card_declined", "insufficient_funds", "Your card has insufficient funds."),
        _ => ("incorrect_number", null, "Your card number is incorrect."),
    };
}
