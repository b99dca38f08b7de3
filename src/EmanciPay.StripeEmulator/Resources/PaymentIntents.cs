using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator;

/// <summary>
/// PaymentIntents: <c>POST /v1/payment_intents</c> (with <c>confirm=true</c> and a saved card: how later cycles are
/// charged off-session), <c>GET /v1/payment_intents</c> and <c>GET /v1/payment_intents/{id}</c>.
/// </summary>
public sealed partial class StripeEmulator
{
    internal static readonly Parameters CreatePaymentIntentParameters = Parameters.Operation(
        ("amount", Parameters.Value),
        ("currency", Parameters.Value),
        ("customer", Parameters.Value),
        ("payment_method", Parameters.Value),
        ("confirm", Parameters.Value),
        ("off_session", Parameters.Value),
        ("description", Parameters.Value),
        ("setup_future_usage", Parameters.Value),
        ("metadata", Parameters.Map));

    internal static readonly Parameters ListPaymentIntentsParameters = Parameters.Operation(
        [("customer", Parameters.Value), ("created", ListPage.Created), .. ListPage.PageParameters]);

    internal static readonly Parameters RetrievePaymentIntentParameters = Parameters.Operation(("client_secret", Parameters.Value));

    public JsonObject CreatePaymentIntent(JsonObject p)
    {
        var amount = Parameters.Integer(p, "amount") ?? throw StripeApiException.Missing("amount");
        var currency = Parameters.Text(p, "currency")?.ToLowerInvariant() ?? throw StripeApiException.Missing("currency");
        if (amount is < 50 or > 99_999_999)
        {
            throw StripeApiException.Invalid("amount", amount < 50 ? "Amount must be at least $0.50 usd" : "Amount must be no more than $999,999.99");
        }

        var confirm = Parameters.Boolean(p, "confirm");
        Parameters.Boolean(p, "off_session");
        var methodId = Parameters.Text(p, "payment_method");
        lock (gate)
        {
            var customerId = Parameters.Text(p, "customer");
            if (customerId is not null)
            {
                Get(customerId, "customer");
            }

            var method = methodId is null ? null : Get(methodId, "payment_method");
            if (confirm && method is null)
            {
                throw StripeApiException.Missing("payment_method");
            }

            var intent = CreateIntent(amount, currency, customerId, p);
            if (method is not null && confirm)
            {
                var charge = Charge(intent, method);
                if ((string?)charge["status"] != "succeeded")
                {
                    var error = (JsonObject)intent["last_payment_error"]!;
                    throw new StripeApiException(402, "card_error", (string)error["message"]!, (string?)error["code"], declineCode: (string?)error["decline_code"]);
                }
            }
            else if (method is not null)
            {
                intent["payment_method"] = methodId;
                intent["status"] = "requires_confirmation";
            }

            return Public(intent);
        }
    }

    /// <summary>PaymentIntents, newest first, optionally of one customer: <c>GET /v1/payment_intents?customer=</c>.</summary>
    public JsonObject ListPaymentIntents(JsonObject p)
    {
        lock (gate)
        {
            var customer = Parameters.Text(p, "customer");
            return ListPage.Of(p, "/v1/payment_intents", NewestFirst("payment_intent"),
                intent => (customer is null || (string?)intent["customer"] == customer) && ListPage.CreatedWithin(p, (long)intent["created"]!),
                Public);
        }
    }

    private JsonObject CreateIntent(long amount, string currency, string? customerId, JsonObject intentData)
    {
        var intent = Store("pi", "payment_intent");
        intent["amount"] = amount;
        intent["amount_capturable"] = 0L;
        intent["amount_received"] = 0L;
        intent["application"] = null;
        intent["application_fee_amount"] = null;
        intent["automatic_payment_methods"] = null;
        intent["canceled_at"] = null;
        intent["cancellation_reason"] = null;
        intent["capture_method"] = "automatic_async";
        intent["client_secret"] = $"{intent["id"]}_secret_{Secret()}";
        intent["confirmation_method"] = "automatic";
        intent["currency"] = currency;
        intent["customer"] = customerId;
        intent["description"] = Parameters.Text(intentData, "description");
        intent["last_payment_error"] = null;
        intent["latest_charge"] = null;
        intent["metadata"] = Parameters.Metadata(intentData);
        intent["next_action"] = null;
        intent["on_behalf_of"] = null;
        intent["payment_method"] = null;
        intent["payment_method_options"] = new JsonObject();
        intent["payment_method_types"] = new JsonArray("card");
        intent["processing"] = null;
        intent["receipt_email"] = null;
        intent["review"] = null;
        intent["setup_future_usage"] = Parameters.Text(intentData, "setup_future_usage");
        intent["shipping"] = null;
        intent["statement_descriptor"] = null;
        intent["statement_descriptor_suffix"] = null;
        intent["status"] = "requires_payment_method";
        intent["transfer_data"] = null;
        intent["transfer_group"] = null;
        Emit("payment_intent.created", intent);
        return intent;
    }
}
