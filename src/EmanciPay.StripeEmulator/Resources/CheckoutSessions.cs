using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator;

/// <summary>The result of a hosted checkout payment attempt: a redirect when paid, a message when declined.</summary>
public sealed record CheckoutPayment(bool Paid, string? RedirectUrl, string? ErrorMessage);

/// <summary>
/// Checkout Sessions in payment mode (pay now) and setup mode (save a card for later, through a SetupIntent):
/// <c>POST /v1/checkout/sessions</c>, <c>GET /v1/checkout/sessions/{id}</c>, <c>POST /v1/checkout/sessions/{id}/expire</c>,
/// and paying or saving a card on the hosted page.
/// </summary>
public sealed partial class StripeEmulator
{
    internal static readonly Parameters CreateCheckoutSessionParameters = Parameters.Operation(
        ("mode", Parameters.Value),
        ("currency", Parameters.Value),
        ("success_url", Parameters.Value),
        ("cancel_url", Parameters.Value),
        ("customer", Parameters.Value),
        ("customer_creation", Parameters.Value),
        ("customer_email", Parameters.Value),
        ("client_reference_id", Parameters.Value),
        ("expires_at", Parameters.Value),
        ("metadata", Parameters.Map),
        ("payment_intent_data", Parameters.Hash(
            ("description", Parameters.Value),
            ("setup_future_usage", Parameters.Value),
            ("metadata", Parameters.Map))),
        ("setup_intent_data", Parameters.Hash(
            ("description", Parameters.Value),
            ("metadata", Parameters.Map))),
        ("line_items", Parameters.List(Parameters.Hash(
            ("quantity", Parameters.Value),
            ("price_data", Parameters.Hash(
                ("currency", Parameters.Value),
                ("unit_amount", Parameters.Value),
                ("product_data", Parameters.Hash(("name", Parameters.Value), ("description", Parameters.Value)))))))));

    internal static readonly Parameters RetrieveCheckoutSessionParameters = Parameters.Operation();

    public JsonObject CreateCheckoutSession(JsonObject p, string publicBaseUrl)
    {
        var mode = Parameters.Text(p, "mode") ?? throw StripeApiException.Missing("mode");
        if (mode is not ("payment" or "setup"))
        {
            throw StripeApiException.Invalid("mode", $"The emulator supports modes 'payment' and 'setup' only, not '{mode}'.");
        }

        var successUrl = Parameters.Url(p, "success_url") ?? throw StripeApiException.Missing("success_url");
        var cancelUrl = Parameters.Url(p, "cancel_url");
        var (currency, total, lineItems) = mode == "setup" ? SetupModeOnly(p) : LineItems(p);
        var intentData = p["payment_intent_data"] as JsonObject ?? [];
        if (Parameters.Text(intentData, "setup_future_usage") is { } usage and not ("off_session" or "on_session"))
        {
            throw StripeApiException.Invalid("payment_intent_data[setup_future_usage]", $"Invalid payment_intent_data[setup_future_usage]: must be one of off_session or on_session, not '{usage}'.");
        }

        var customerCreation = Parameters.Text(p, "customer_creation");
        if (customerCreation is not (null or "always" or "if_required"))
        {
            throw StripeApiException.Invalid("customer_creation", $"Invalid customer_creation: must be one of always or if_required, not '{customerCreation}'.");
        }

        if (customerCreation is not null && Parameters.Text(p, "customer") is not null)
        {
            throw StripeApiException.Invalid("customer_creation", "You may only specify one of these parameters: customer, customer_creation.");
        }

        lock (gate)
        {
            var customer = Parameters.Text(p, "customer");
            if (customer is not null)
            {
                Get(customer, "customer");
            }

            var now = Now();
            var session = Store("cs_test", "checkout.session");
            session["adaptive_pricing"] = null;
            session["after_expiration"] = null;
            session["allow_promotion_codes"] = null;
            session["amount_subtotal"] = total;
            session["amount_total"] = total;
            session["automatic_tax"] = new JsonObject { ["enabled"] = false, ["liability"] = null, ["provider"] = null, ["status"] = null };
            session["billing_address_collection"] = null;
            session["cancel_url"] = cancelUrl;
            session["client_reference_id"] = Parameters.Text(p, "client_reference_id");
            session["client_secret"] = null;
            session["consent"] = null;
            session["consent_collection"] = null;
            session["currency"] = currency;
            session["custom_fields"] = new JsonArray();
            session["custom_text"] = new JsonObject { ["after_submit"] = null, ["shipping_address"] = null, ["submit"] = null, ["terms_of_service_acceptance"] = null };
            session["customer"] = customer;
            session["customer_creation"] = customer is null ? customerCreation ?? "if_required" : null;
            session["customer_details"] = null;
            session["customer_email"] = Parameters.Text(p, "customer_email");
            session["expires_at"] = Parameters.Integer(p, "expires_at") ?? now + (24 * 3600);
            session["invoice"] = null;
            session["locale"] = null;
            session["metadata"] = Parameters.Metadata(p);
            session["mode"] = mode;
            session["payment_intent"] = null;
            session["payment_link"] = null;
            session["payment_method_options"] = new JsonObject();
            session["payment_method_types"] = new JsonArray("card");
            session["payment_status"] = mode == "setup" ? "no_payment_required" : "unpaid";
            session["phone_number_collection"] = new JsonObject { ["enabled"] = false };
            session["recovered_from"] = null;
            session["setup_intent"] = null;
            session["shipping_address_collection"] = null;
            session["shipping_cost"] = null;
            session["shipping_options"] = new JsonArray();
            session["status"] = "open";
            session["submit_type"] = null;
            session["subscription"] = null;
            session["success_url"] = successUrl;
            session["total_details"] = mode == "setup" ? null : new JsonObject { ["amount_discount"] = 0L, ["amount_shipping"] = 0L, ["amount_tax"] = 0L };
            session["ui_mode"] = "hosted_page";
            session["url"] = $"{publicBaseUrl.TrimEnd('/')}/pay/{session["id"]}";

            // Kept for the hosted page and the PaymentIntent or SetupIntent it will create; Stripe does not return these fields.
            session["_line_items"] = lineItems;
            session["_payment_intent_data"] = intentData.DeepClone();
            session["_setup_intent_data"] = (p["setup_intent_data"] as JsonObject ?? []).DeepClone();
            return Public(session);
        }
    }

    public JsonObject ExpireCheckoutSession(string id)
    {
        lock (gate)
        {
            var session = Get(id, "checkout.session");
            if ((string?)session["status"] != "open")
            {
                throw new StripeApiException(400, "invalid_request_error", $"Only Checkout Sessions with a status in [\"open\"] can be expired. This Checkout Session has a status of \"{session["status"]}\".");
            }

            session["status"] = "expired";
            session["url"] = null;
            Emit("checkout.session.expired", session);
            return Public(session);
        }
    }

    /// <summary>What the hosted checkout page shows: the session with its line items, for rendering.</summary>
    public JsonObject? FindCheckoutSession(string id)
    {
        lock (gate)
        {
            return objects.TryGetValue(id, out var session) && (string?)session["object"] == "checkout.session" ? (JsonObject)session.DeepClone() : null;
        }
    }

    /// <summary>The listener pays on the hosted page. A decline leaves the session open for another card, as at Stripe.</summary>
    public CheckoutPayment PayCheckoutSession(string id, string cardNumber, string? email = null)
    {
        lock (gate)
        {
            var session = Get(id, "checkout.session");
            if ((string?)session["status"] != "open")
            {
                return new CheckoutPayment(false, null, "This checkout session is no longer open.");
            }

            email = (string?)session["customer_email"] ?? (string.IsNullOrWhiteSpace(email) ? null : email.Trim());
            if ((string?)session["mode"] == "setup")
            {
                return SetUpCard(session, cardNumber, email);
            }

            var intentData = (JsonObject)session["_payment_intent_data"]!;
            var customerId = (string?)session["customer"];
            if (customerId is null && (Parameters.Text(intentData, "setup_future_usage") is not null || (string?)session["customer_creation"] == "always"))
            {
                customerId = (string)CreateCustomer(new JsonObject { ["email"] = email })["id"]!;
                session["customer"] = customerId;
            }

            var intent = (string?)session["payment_intent"] is { } intentId
                ? objects[intentId]
                : CreateIntent((long)session["amount_total"]!, (string)session["currency"]!, customerId, intentData);
            session["payment_intent"] = (string)intent["id"]!;

            var method = CreateCardPaymentMethod(cardNumber, customerId, email);
            var charge = Charge(intent, method);
            if ((string?)charge["status"] != "succeeded")
            {
                return new CheckoutPayment(false, null, (string?)charge["failure_message"]);
            }

            session["payment_status"] = "paid";
            return Complete(session, email);
        }
    }

    private CheckoutPayment Complete(JsonObject session, string? email)
    {
        session["status"] = "complete";
        session["url"] = null;
        session["customer_details"] = new JsonObject
        {
            ["address"] = NoAddress(),
            ["email"] = email,
            ["name"] = null,
            ["phone"] = null,
            ["tax_exempt"] = "none",
            ["tax_ids"] = new JsonArray(),
        };
        Emit("checkout.session.completed", session);
        var redirect = ((string)session["success_url"]!).Replace("{CHECKOUT_SESSION_ID}", (string)session["id"]!, StringComparison.Ordinal);
        return new CheckoutPayment(true, redirect, null);
    }

    /// <summary>Setup mode takes no line items and no payment_intent_data, and needs a currency (there is no price to take it from).</summary>
    private static (string? Currency, long? Total, JsonArray Items) SetupModeOnly(JsonObject p)
    {
        if (p["line_items"] is not null)
        {
            throw StripeApiException.Invalid("line_items", "You cannot pass `line_items` in `setup` mode.");
        }

        if (p["payment_intent_data"] is not null)
        {
            throw StripeApiException.Invalid("payment_intent_data", "You cannot pass `payment_intent_data` in `setup` mode.");
        }

        var currency = Parameters.Text(p, "currency")?.ToLowerInvariant() ?? throw StripeApiException.Missing("currency");
        return (currency, null, []);
    }

    private static (string? Currency, long? Total, JsonArray Items) LineItems(JsonObject p)
    {
        if (p["setup_intent_data"] is not null)
        {
            throw StripeApiException.Invalid("setup_intent_data", "You can only pass `setup_intent_data` in `setup` mode.");
        }

        if (p["line_items"] is not JsonArray { Count: > 0 } items)
        {
            throw StripeApiException.Missing("line_items");
        }

        string? currency = null;
        long total = 0;
        var lineItems = new JsonArray();
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index] as JsonObject ?? throw StripeApiException.Missing($"line_items[{index}]");
            var price = item["price_data"] as JsonObject ?? throw StripeApiException.Missing($"line_items[{index}][price_data]");
            var itemCurrency = Parameters.Text(price, "currency")?.ToLowerInvariant() ?? throw StripeApiException.Missing($"line_items[{index}][price_data][currency]");
            var unitAmount = Parameters.Integer(price, "unit_amount", $"line_items[{index}][price_data][unit_amount]") ?? throw StripeApiException.Missing($"line_items[{index}][price_data][unit_amount]");
            var quantity = Parameters.Integer(item, "quantity", $"line_items[{index}][quantity]") ?? 1;
            if (unitAmount is < 0 or > 99_999_999 || quantity is < 1 or > 999_999)
            {
                throw StripeApiException.Invalid($"line_items[{index}]", "Amounts must be between 0 and 99999999, quantities between 1 and 999999.");
            }

            if (currency is not null && currency != itemCurrency)
            {
                throw StripeApiException.Invalid($"line_items[{index}][price_data][currency]", "All line items must be in one currency.");
            }

            currency = itemCurrency;
            total = checked(total + (unitAmount * quantity));
            lineItems.Add(new JsonObject
            {
                ["description"] = Parameters.Text(price["product_data"] as JsonObject ?? [], "name"),
                ["amount_total"] = unitAmount * quantity,
                ["currency"] = currency,
                ["quantity"] = quantity,
            });
        }

        if (total < 50)
        {
            throw StripeApiException.Invalid("line_items", "The Checkout Session's total amount due must add up to at least $0.50 usd.");
        }

        return (currency!, total, lineItems);
    }
}
