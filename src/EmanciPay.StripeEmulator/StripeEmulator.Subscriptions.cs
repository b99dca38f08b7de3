using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator;

/// <summary>
/// Checkout in subscription mode, as Stripe's 2026 API shapes it: paying creates the customer, a recurring price, the
/// subscription, and its first invoice paid by a PaymentIntent (with its charge and balance transaction); the
/// subscription can be read and cancelled. Renewals are not emulated: EmanciPay charges later cycles itself.
/// </summary>
public sealed partial class StripeEmulator
{
    /// <summary>Cancels a subscription at once: <c>DELETE /v1/subscriptions/{id}</c>.</summary>
    public JsonObject CancelSubscription(string id)
    {
        var subscription = Get(id, "subscription");
        if ((string?)subscription["status"] == "canceled")
        {
            throw new StripeApiException(400, "invalid_request_error", $"No such subscription: '{id}'; it has been canceled.", "resource_missing", "id");
        }

        var now = Now();
        subscription["status"] = "canceled";
        subscription["canceled_at"] = now;
        subscription["ended_at"] = now;
        Emit("customer.subscription.deleted", subscription);
        return Public(subscription);
    }

    private JsonObject RecurringPrice(long unitAmount, string currency, JsonObject recurring)
    {
        var interval = Str(recurring, "interval") ?? throw StripeApiException.Missing("recurring[interval]");
        if (interval is not ("day" or "week" or "month" or "year"))
        {
            throw StripeApiException.Invalid("recurring[interval]", $"Invalid recurring[interval]: must be one of day, week, month, or year.");
        }

        var price = Store("price", "price");
        price["active"] = true;
        price["currency"] = currency;
        price["unit_amount"] = unitAmount;
        price["type"] = "recurring";
        price["recurring"] = new JsonObject { ["interval"] = interval, ["interval_count"] = Long(recurring, "interval_count") ?? 1 };
        price["livemode"] = false;
        return Clone(price);
    }

    private CheckoutPayment PaySubscriptionCheckout(JsonObject session, string cardNumber)
    {
        var customerId = (string?)session["customer"]
            ?? CreateCustomer(new JsonObject { ["email"] = (string?)session["customer_email"] })["id"]!.GetValue<string>();
        session["customer"] = customerId;
        var amount = (long)session["amount_total"]!;
        var currency = (string)session["currency"]!;
        var subscriptionData = (JsonObject)session["_subscription_data"]!;

        var intent = CreateIntent(amount, currency, customerId, new JsonObject { ["description"] = Str(subscriptionData, "description") ?? "Subscription creation" });
        var method = CreateCardPaymentMethod(cardNumber, customerId);
        var charge = Charge(intent, method);
        if ((string?)charge["status"] != "succeeded")
        {
            return new CheckoutPayment(false, null, (string?)charge["failure_message"]);
        }

        var now = Now();
        var periodEnd = now + (30L * 24 * 3600);
        var subscription = Store("sub", "subscription");
        var invoice = Store("in", "invoice");
        var items = ((JsonArray)session["_line_items"]!).OfType<JsonObject>().Select(line =>
        {
            var item = Store("si", "subscription_item");
            item["price"] = line["_price"]!.DeepClone();
            item["quantity"] = line["quantity"]!.DeepClone();
            item["subscription"] = subscription["id"]!.DeepClone();
            item["current_period_start"] = now;
            item["current_period_end"] = periodEnd;
            item["metadata"] = new JsonObject();
            return (JsonNode)Clone(item);
        }).ToArray();

        subscription["status"] = "active";
        subscription["customer"] = customerId;
        subscription["currency"] = currency;
        subscription["default_payment_method"] = method["id"]!.DeepClone();
        subscription["latest_invoice"] = invoice["id"]!.DeepClone();
        subscription["collection_method"] = "charge_automatically";
        subscription["cancel_at_period_end"] = false;
        subscription["canceled_at"] = null;
        subscription["ended_at"] = null;
        subscription["start_date"] = now;
        subscription["billing_cycle_anchor"] = now;
        subscription["metadata"] = Metadata(subscriptionData);
        subscription["items"] = new JsonObject { ["object"] = "list", ["has_more"] = false, ["data"] = new JsonArray(items) };
        subscription["livemode"] = false;

        invoice["status"] = "paid";
        invoice["customer"] = customerId;
        invoice["currency"] = currency;
        invoice["amount_due"] = amount;
        invoice["amount_paid"] = amount;
        invoice["amount_remaining"] = 0L;
        invoice["total"] = amount;
        invoice["subtotal"] = amount;
        invoice["billing_reason"] = "subscription_create";
        invoice["collection_method"] = "charge_automatically";
        invoice["period_start"] = now;
        invoice["period_end"] = now;
        invoice["parent"] = new JsonObject
        {
            ["type"] = "subscription_details",
            ["subscription_details"] = new JsonObject { ["subscription"] = subscription["id"]!.DeepClone(), ["metadata"] = Metadata(subscriptionData) },
        };
        invoice["payments"] = new JsonObject
        {
            ["object"] = "list",
            ["has_more"] = false,
            ["data"] = new JsonArray(new JsonObject
            {
                ["id"] = $"inpay_{NewId()}",
                ["object"] = "invoice_payment",
                ["amount_paid"] = amount,
                ["amount_requested"] = amount,
                ["currency"] = currency,
                ["invoice"] = invoice["id"]!.DeepClone(),
                ["is_default"] = true,
                ["status"] = "paid",
                ["payment"] = new JsonObject { ["type"] = "payment_intent", ["payment_intent"] = intent["id"]!.DeepClone() },
                ["livemode"] = false,
                ["created"] = now,
            }),
        };
        invoice["livemode"] = false;

        session["status"] = "complete";
        session["payment_status"] = "paid";
        session["subscription"] = subscription["id"]!.DeepClone();
        session["invoice"] = invoice["id"]!.DeepClone();
        Emit("customer.subscription.created", subscription);
        Emit("invoice.paid", invoice);
        Emit("checkout.session.completed", session);
        var redirect = ((string)session["success_url"]!).Replace("{CHECKOUT_SESSION_ID}", (string)session["id"]!, StringComparison.Ordinal);
        return new CheckoutPayment(true, redirect, null);
    }
}
