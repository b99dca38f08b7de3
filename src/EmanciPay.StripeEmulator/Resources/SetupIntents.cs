using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator;

/// <summary>
/// SetupIntents: <c>GET /v1/setup_intents/{id}</c>. Checkout in setup mode creates one when the customer submits a card
/// on the hosted page; Stripe's test cards decide whether the card is saved. A saved card is attached to the customer
/// for off-session charges (<c>usage=off_session</c>).
/// </summary>
public sealed partial class StripeEmulator
{
    internal static readonly Parameters RetrieveSetupIntentParameters = Parameters.Operation(("client_secret", Parameters.Value));

    /// <summary>The customer saves a card on a setup-mode session. A decline leaves the session open for another card, as at Stripe.</summary>
    private CheckoutPayment SetUpCard(JsonObject session, string cardNumber, string? email)
    {
        var customerId = (string?)session["customer"];
        if (customerId is null && (string?)session["customer_creation"] == "always")
        {
            customerId = (string)CreateCustomer(new JsonObject { ["email"] = email })["id"]!;
            session["customer"] = customerId;
        }

        var intent = (string?)session["setup_intent"] is { } intentId
            ? objects[intentId]
            : CreateSetupIntent(customerId, (JsonObject)session["_setup_intent_data"]!);
        session["setup_intent"] = (string)intent["id"]!;

        var method = CreateCardPaymentMethod(cardNumber, customerId: null, email);
        var (code, declineCode, message) = Outcome(cardNumbers[(string)method["id"]!]);
        if (code is not null)
        {
            intent["status"] = "requires_payment_method";
            intent["last_setup_error"] = new JsonObject
            {
                ["type"] = "card_error",
                ["code"] = code,
                ["decline_code"] = declineCode,
                ["message"] = message,
                ["payment_method"] = Public(method),
            };
            Emit("setup_intent.setup_failed", intent);
            return new CheckoutPayment(false, null, message);
        }

        // Only a card that was set up is attached, so that it can be charged off-session later.
        method["customer"] = customerId;
        intent["payment_method"] = method["id"]!.DeepClone();
        intent["last_setup_error"] = null;
        intent["status"] = "succeeded";
        Emit("setup_intent.succeeded", intent);
        return Complete(session, email);
    }

    private JsonObject CreateSetupIntent(string? customerId, JsonObject intentData)
    {
        var intent = Store("seti", "setup_intent");
        intent["application"] = null;
        intent["automatic_payment_methods"] = null;
        intent["cancellation_reason"] = null;
        intent["client_secret"] = $"{intent["id"]}_secret_{Secret()}";
        intent["customer"] = customerId;
        intent["description"] = Parameters.Text(intentData, "description");
        intent["excluded_payment_method_types"] = null;
        intent["flow_directions"] = null;
        intent["last_setup_error"] = null;
        intent["latest_attempt"] = null;
        intent["mandate"] = null;
        intent["metadata"] = Parameters.Metadata(intentData);
        intent["next_action"] = null;
        intent["on_behalf_of"] = null;
        intent["payment_method"] = null;
        intent["payment_method_configuration_details"] = null;
        intent["payment_method_options"] = new JsonObject
        {
            ["card"] = new JsonObject { ["mandate_options"] = null, ["network"] = null, ["request_three_d_secure"] = "automatic" },
        };
        intent["payment_method_types"] = new JsonArray("card");
        intent["single_use_mandate"] = null;
        intent["status"] = "requires_payment_method";
        intent["usage"] = "off_session";
        Emit("setup_intent.created", intent);
        return intent;
    }
}
