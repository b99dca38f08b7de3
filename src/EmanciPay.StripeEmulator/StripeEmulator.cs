using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator;

/// <summary>A Stripe API error, in Stripe's shape: <c>{"error": {"type", "code", "decline_code", "message", "param"}}</c>.</summary>
public sealed class StripeApiException(int status, string type, string message, string? code = null, string? param = null, string? declineCode = null)
    : Exception(message)
{
    public int Status { get; } = status;

    public JsonObject ToJson()
    {
        var error = new JsonObject { ["type"] = type, ["message"] = Message };
        if (code is not null)
        {
            error["code"] = code;
        }

        if (declineCode is not null)
        {
            error["decline_code"] = declineCode;
        }

        if (param is not null)
        {
            error["param"] = param;
        }

        return new JsonObject { ["error"] = error };
    }

    public static StripeApiException Missing(string param) =>
        new(400, "invalid_request_error", $"Missing required param: {param}.", "parameter_missing", param);

    public static StripeApiException Invalid(string param, string message) =>
        new(400, "invalid_request_error", message, "parameter_invalid", param);

    public static StripeApiException NoSuchObject(string id) =>
        new(404, "invalid_request_error", $"No such object: '{id}'", "resource_missing", "id");
}

/// <summary>The result of a hosted checkout payment attempt: a redirect when paid, a message when declined.</summary>
public sealed record CheckoutPayment(bool Paid, string? RedirectUrl, string? ErrorMessage);

/// <summary>
/// A stateful, in-memory Stripe: customers, Checkout Sessions, PaymentIntents, charges with balance transactions and
/// Stripe's fees, refunds and events, in Stripe's JSON shapes. One lock guards all state: it is a test double, so
/// simple and correct beats fast.
/// </summary>
public sealed partial class StripeEmulator(StripeEmulatorOptions options, WebhookDispatcher webhooks, TimeProvider clock)
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private readonly Lock gate = new();
    private readonly Dictionary<string, JsonObject> objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Fingerprint, int Status, string Body, DateTimeOffset At)> idempotentResults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> cardNumbers = new(StringComparer.Ordinal);
    private readonly List<string> balanceTransactionIds = [];

    public EmulatorFaults Faults { get; } = new();

    public WebhookDispatcher Webhooks => webhooks;

    public StripeEmulatorOptions Options => options;

    /// <summary>How long a key is remembered, as at Stripe: after that the same key runs the request again.</summary>
    public static readonly TimeSpan IdempotencyKeyLifetime = TimeSpan.FromHours(24);

    /// <summary>Runs an API operation with Stripe's idempotency: the same key and parameters replay the first result; other parameters are an error.</summary>
    public (int Status, string Body, bool Replayed) Execute(string? idempotencyKey, string fingerprint, Func<JsonNode> operation)
    {
        lock (gate)
        {
            if (idempotencyKey is not null && idempotentResults.TryGetValue(idempotencyKey, out var earlier) && clock.GetUtcNow() - earlier.At < IdempotencyKeyLifetime)
            {
                if (earlier.Fingerprint != fingerprint)
                {
                    var error = new StripeApiException(400, "idempotency_error",
                        $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{idempotencyKey}' if you meant to execute a different request.");
                    return (error.Status, error.ToJson().ToJsonString(), false);
                }

                return (earlier.Status, earlier.Body, true);
            }

            int status;
            string body;
            try
            {
                body = operation().ToJsonString();
                status = 200;
            }
            catch (StripeApiException error)
            {
                status = error.Status;
                body = error.ToJson().ToJsonString();
            }

            if (idempotencyKey is not null)
            {
                idempotentResults[idempotencyKey] = (fingerprint, status, body, clock.GetUtcNow());
            }

            return (status, body, false);
        }
    }

    public JsonObject CreateCustomer(JsonObject p)
    {
        var customer = Store("cus", "customer");
        customer["email"] = Str(p, "email");
        customer["name"] = Str(p, "name");
        customer["metadata"] = Metadata(p);
        return Clone(customer);
    }

    public JsonObject CreateCheckoutSession(JsonObject p, string publicBaseUrl)
    {
        var mode = Str(p, "mode") ?? throw StripeApiException.Missing("mode");
        if (mode is not ("payment" or "subscription"))
        {
            throw StripeApiException.Invalid("mode", $"The emulator supports modes 'payment' and 'subscription', not '{mode}'.");
        }

        var successUrl = Str(p, "success_url") ?? throw StripeApiException.Missing("success_url");
        if (p["line_items"] is not JsonArray { Count: > 0 } items)
        {
            throw StripeApiException.Missing("line_items");
        }

        string? currency = null;
        long total = 0;
        var lineItems = new JsonArray();
        foreach (var (item, index) in items.Select((item, index) => (item as JsonObject, index)))
        {
            var price = item?["price_data"] as JsonObject ?? throw StripeApiException.Missing($"line_items[{index}][price_data]");
            var itemCurrency = Str(price, "currency") ?? throw StripeApiException.Missing($"line_items[{index}][price_data][currency]");
            var unitAmount = Long(price, "unit_amount") ?? throw StripeApiException.Missing($"line_items[{index}][price_data][unit_amount]");
            var quantity = Long(item!, "quantity") ?? 1;
            if (unitAmount < 0 || quantity < 1)
            {
                throw StripeApiException.Invalid($"line_items[{index}]", "Amounts must be non-negative and quantities positive.");
            }

            if (currency is not null && currency != itemCurrency)
            {
                throw StripeApiException.Invalid($"line_items[{index}][price_data][currency]", "All line items must be in one currency.");
            }

            var recurring = price["recurring"] as JsonObject;
            if ((mode == "subscription") != (recurring is not null))
            {
                throw StripeApiException.Invalid($"line_items[{index}][price_data][recurring]", mode == "subscription"
                    ? "In subscription mode every line item needs a recurring price."
                    : "You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.");
            }

            currency = itemCurrency.ToLowerInvariant();
            total = checked(total + (unitAmount * quantity));
            lineItems.Add(new JsonObject
            {
                ["description"] = Str(price["product_data"] as JsonObject ?? [], "name"),
                ["amount_total"] = unitAmount * quantity,
                ["currency"] = currency,
                ["quantity"] = quantity,
                ["_price"] = recurring is null ? null : RecurringPrice(unitAmount, currency, recurring),
            });
        }

        if (total < 50)
        {
            throw StripeApiException.Invalid("line_items", "The Checkout Session's total amount due must add up to at least $0.50 usd.");
        }

        var session = Store("cs_test", "checkout.session");
        var now = Now();
        session["mode"] = mode;
        session["status"] = "open";
        session["payment_status"] = "unpaid";
        session["amount_subtotal"] = total;
        session["amount_total"] = total;
        session["currency"] = currency;
        session["customer"] = Str(p, "customer");
        session["customer_email"] = Str(p, "customer_email");
        session["client_reference_id"] = Str(p, "client_reference_id");
        session["success_url"] = successUrl;
        session["cancel_url"] = Str(p, "cancel_url");
        session["metadata"] = Metadata(p);
        session["payment_intent"] = null;
        session["expires_at"] = Long(p, "expires_at") ?? now + (24 * 3600);
        session["url"] = $"{publicBaseUrl.TrimEnd('/')}/pay/{session["id"]}";
        session["livemode"] = false;
        // Kept for the hosted page and the PaymentIntent it will create; Stripe does not return these fields.
        session["_line_items"] = lineItems;
        session["_payment_intent_data"] = p["payment_intent_data"]?.DeepClone() ?? new JsonObject();
        if (mode == "subscription")
        {
            session["subscription"] = null;
            session["invoice"] = null;
            session["_subscription_data"] = p["subscription_data"]?.DeepClone() ?? new JsonObject();
        }

        return Public(session);
    }

    public JsonObject ExpireCheckoutSession(string id)
    {
        var session = Get(id, "checkout.session");
        if ((string?)session["status"] != "open")
        {
            throw new StripeApiException(400, "invalid_request_error", $"Only Checkout Sessions with a status in [\"open\"] can be expired. This Checkout Session has a status of \"{session["status"]}\".");
        }

        session["status"] = "expired";
        Emit("checkout.session.expired", session);
        return Public(session);
    }

    /// <summary>What the hosted checkout page shows: the session, for rendering.</summary>
    public JsonObject? FindCheckoutSession(string id)
    {
        lock (gate)
        {
            return objects.TryGetValue(id, out var session) && (string?)session["object"] == "checkout.session" ? Clone(session) : null;
        }
    }

    /// <summary>The listener pays on the hosted page. A decline leaves the session open for another card, as at Stripe.</summary>
    public CheckoutPayment PayCheckoutSession(string id, string cardNumber)
    {
        lock (gate)
        {
            var session = Get(id, "checkout.session");
            if ((string?)session["status"] != "open")
            {
                return new CheckoutPayment(false, null, "This checkout session is no longer open.");
            }

            if ((string?)session["mode"] == "subscription")
            {
                return PaySubscriptionCheckout(session, cardNumber);
            }

            var intentData = (JsonObject)session["_payment_intent_data"]!;
            var customerId = (string?)session["customer"];
            if (customerId is null && Str(intentData, "setup_future_usage") is not null)
            {
                customerId = CreateCustomer(new JsonObject { ["email"] = (string?)session["customer_email"] })["id"]!.GetValue<string>();
                session["customer"] = customerId;
            }

            var intent = (string?)session["payment_intent"] is { } intentId
                ? objects[intentId]
                : CreateIntent((long)session["amount_total"]!, (string)session["currency"]!, customerId, intentData);
            session["payment_intent"] = intent["id"]!.GetValue<string>();

            var method = CreateCardPaymentMethod(cardNumber, customerId);
            var charge = Charge(intent, method);
            if ((string?)charge["status"] != "succeeded")
            {
                return new CheckoutPayment(false, null, (string?)charge["failure_message"]);
            }

            session["status"] = "complete";
            session["payment_status"] = "paid";
            Emit("checkout.session.completed", session);
            var redirect = ((string)session["success_url"]!).Replace("{CHECKOUT_SESSION_ID}", id, StringComparison.Ordinal);
            return new CheckoutPayment(true, redirect, null);
        }
    }

    /// <summary>Creates and, with confirm=true, charges a PaymentIntent: how later cycles charge a saved card off-session.</summary>
    public JsonObject CreatePaymentIntent(JsonObject p)
    {
        var amount = Long(p, "amount") ?? throw StripeApiException.Missing("amount");
        var currency = Str(p, "currency") ?? throw StripeApiException.Missing("currency");
        if (amount < 50)
        {
            throw StripeApiException.Invalid("amount", "Amount must be at least $0.50 usd");
        }

        var customerId = Str(p, "customer");
        if (customerId is not null)
        {
            Get(customerId, "customer");
        }

        var intent = CreateIntent(amount, currency.ToLowerInvariant(), customerId, p);
        if (Str(p, "confirm") == "true")
        {
            var methodId = Str(p, "payment_method") ?? throw StripeApiException.Missing("payment_method");
            var method = Get(methodId, "payment_method");
            var charge = Charge(intent, method);
            if ((string?)charge["status"] != "succeeded")
            {
                var error = (JsonObject)intent["last_payment_error"]!;
                throw new StripeApiException(402, "card_error", (string)error["message"]!, (string?)error["code"], declineCode: (string?)error["decline_code"]);
            }
        }

        return Clone(intent);
    }

    public JsonObject CreateRefund(JsonObject p)
    {
        var chargeId = Str(p, "charge");
        if (chargeId is null && Str(p, "payment_intent") is { } intentId)
        {
            chargeId = (string?)Get(intentId, "payment_intent")["latest_charge"];
        }

        if (chargeId is null)
        {
            throw StripeApiException.Missing("charge");
        }

        var charge = Get(chargeId, "charge");
        var refundable = (long)charge["amount"]! - (long)charge["amount_refunded"]!;
        var amount = Long(p, "amount") ?? refundable;
        if ((string?)charge["status"] != "succeeded" || amount <= 0 || amount > refundable)
        {
            throw new StripeApiException(400, "invalid_request_error", $"Refund amount ({amount}) is greater than unrefunded amount on charge ({refundable})", "charge_already_refunded", "amount");
        }

        var refund = Store("re", "refund");
        var transaction = BalanceTransaction(-amount, 0, (string)charge["currency"]!, (string)refund["id"]!, "refund");
        refund["amount"] = amount;
        refund["currency"] = charge["currency"]!.DeepClone();
        refund["charge"] = chargeId;
        refund["payment_intent"] = charge["payment_intent"]?.DeepClone();
        refund["status"] = "succeeded";
        refund["reason"] = Str(p, "reason");
        refund["metadata"] = Metadata(p);
        refund["balance_transaction"] = transaction["id"]!.DeepClone();
        charge["amount_refunded"] = (long)charge["amount_refunded"]! + amount;
        charge["refunded"] = (long)charge["amount_refunded"]! == (long)charge["amount"]!;
        Emit("refund.created", refund);
        Emit("charge.refunded", charge);
        return Clone(refund);
    }

    /// <summary>PaymentIntents, newest first, optionally of one customer: <c>GET /v1/payment_intents?customer=</c>.</summary>
    public JsonObject ListPaymentIntents(JsonObject p)
    {
        var customer = Str(p, "customer");
        var limit = Math.Clamp(Long(p, "limit") ?? 10, 1, 100);
        var matching = objects.Values
            .Where(o => (string?)o["object"] == "payment_intent" && (customer is null || (string?)o["customer"] == customer))
            .OrderByDescending(o => (long)o["created"]!).ThenByDescending(o => (string)o["id"]!, StringComparer.Ordinal)
            .ToList();
        return new JsonObject
        {
            ["object"] = "list",
            ["url"] = "/v1/payment_intents",
            ["has_more"] = matching.Count > limit,
            ["data"] = new JsonArray(matching.Take((int)limit).Select(o => (JsonNode)Public(o)).ToArray()),
        };
    }

    /// <summary>
    /// Balance transactions, newest first, as <c>GET /v1/balance_transactions</c>: optionally of one <c>type</c> and
    /// within <c>created[gte|gt|lte|lt]</c>, paged with <c>starting_after</c>.
    /// </summary>
    public JsonObject ListBalanceTransactions(JsonObject p)
    {
        var limit = (int)Math.Clamp(Long(p, "limit") ?? 10, 1, 100);
        var type = Str(p, "type");
        var created = p["created"] as JsonObject ?? [];
        var (gte, gt, lte, lt) = (Long(created, "gte"), Long(created, "gt"), Long(created, "lte"), Long(created, "lt"));
        var startingAfter = Str(p, "starting_after");
        var start = balanceTransactionIds.Count - 1;
        if (startingAfter is not null)
        {
            var index = balanceTransactionIds.LastIndexOf(startingAfter);
            start = index >= 0 ? index - 1 : throw StripeApiException.NoSuchObject(startingAfter);
        }

        var page = new List<JsonNode>(limit);
        var hasMore = false;
        for (var i = start; i >= 0; i--)
        {
            var transaction = objects[balanceTransactionIds[i]];
            var at = (long)transaction["created"]!;
            if ((type is not null && (string?)transaction["type"] != type) || at < gte || at <= gt || at > lte || at >= lt)
            {
                continue;
            }

            if (page.Count == limit)
            {
                hasMore = true;
                break;
            }

            page.Add(Clone(transaction));
        }

        return new JsonObject
        {
            ["object"] = "list",
            ["url"] = "/v1/balance_transactions",
            ["has_more"] = hasMore,
            ["data"] = new JsonArray(page.ToArray()),
        };
    }

    /// <summary>Any object by id, with <c>expand</c> paths such as <c>latest_charge.balance_transaction</c> replaced by the objects they name.</summary>
    public JsonObject Retrieve(string id, string expectedObject, JsonObject p)
    {
        var found = Public(Get(id, expectedObject));
        var expand = p["expand"] switch
        {
            JsonArray list => list.Select(e => (string?)e).OfType<string>().ToList(),
            JsonValue single => [single.GetValue<string>()],
            _ => [],
        };
        foreach (var path in expand)
        {
            Expand(found, path.Split('.'));
        }

        return found;
    }

    private void Expand(JsonObject target, ReadOnlySpan<string> path)
    {
        if (path.IsEmpty)
        {
            return;
        }

        var field = path[0];
        if (target[field] is JsonValue value && value.TryGetValue<string>(out var id) && objects.TryGetValue(id, out var referenced))
        {
            target[field] = Public(referenced);
        }

        if (target[field] is JsonObject child)
        {
            Expand(child, path[1..]);
        }
    }

    private JsonObject CreateIntent(long amount, string currency, string? customerId, JsonObject intentData)
    {
        var intent = Store("pi", "payment_intent");
        intent["amount"] = amount;
        intent["amount_received"] = 0L;
        intent["currency"] = currency;
        intent["customer"] = customerId;
        intent["status"] = "requires_payment_method";
        intent["latest_charge"] = null;
        intent["payment_method"] = null;
        intent["last_payment_error"] = null;
        intent["setup_future_usage"] = Str(intentData, "setup_future_usage");
        intent["description"] = Str(intentData, "description");
        intent["metadata"] = Metadata(intentData);
        intent["client_secret"] = $"{intent["id"]}_secret_{NewId()}";
        intent["livemode"] = false;
        Emit("payment_intent.created", intent);
        return intent;
    }

    private JsonObject CreateCardPaymentMethod(string cardNumber, string? customerId)
    {
        var digits = new string(cardNumber.Where(char.IsAsciiDigit).ToArray());
        var method = Store("pm", "payment_method");
        method["type"] = "card";
        method["customer"] = customerId;
        method["card"] = new JsonObject
        {
            ["brand"] = digits.StartsWith('5') ? "mastercard" : "visa",
            ["last4"] = digits.Length >= 4 ? digits[^4..] : digits,
            ["exp_month"] = 12,
            ["exp_year"] = clock.GetUtcNow().Year + 3,
        };
        cardNumbers[(string)method["id"]!] = digits;
        return method;
    }

    private JsonObject Charge(JsonObject intent, JsonObject method)
    {
        var amount = (long)intent["amount"]!;
        var currency = (string)intent["currency"]!;
        var (code, declineCode, message) = Outcome(cardNumbers[(string)method["id"]!]);
        var charge = Store("ch", "charge");
        charge["amount"] = amount;
        charge["amount_captured"] = code is null ? amount : 0L;
        charge["amount_refunded"] = 0L;
        charge["currency"] = currency;
        charge["customer"] = intent["customer"]?.DeepClone();
        charge["payment_intent"] = intent["id"]!.DeepClone();
        charge["payment_method"] = method["id"]!.DeepClone();
        charge["metadata"] = intent["metadata"]!.DeepClone();
        charge["captured"] = code is null;
        charge["paid"] = code is null;
        charge["refunded"] = false;
        charge["status"] = code is null ? "succeeded" : "failed";
        charge["failure_code"] = code;
        charge["failure_message"] = message;
        charge["outcome"] = new JsonObject { ["type"] = code is null ? "authorized" : "issuer_declined", ["reason"] = declineCode };
        charge["balance_transaction"] = null;
        intent["latest_charge"] = charge["id"]!.DeepClone();
        intent["payment_method"] = method["id"]!.DeepClone();
        if (code is not null)
        {
            intent["status"] = "requires_payment_method";
            intent["last_payment_error"] = new JsonObject
            {
                ["type"] = "card_error",
                ["code"] = code,
                ["decline_code"] = declineCode,
                ["message"] = message,
                ["charge"] = charge["id"]!.DeepClone(),
            };
            Emit("charge.failed", charge);
            Emit("payment_intent.payment_failed", intent);
            return charge;
        }

        var fee = (long)Math.Round(amount * options.FeePercent / 100m, MidpointRounding.AwayFromZero) + options.FeeFixed;
        var transaction = BalanceTransaction(amount, fee, currency, (string)charge["id"]!, "charge");
        charge["balance_transaction"] = transaction["id"]!.DeepClone();
        intent["status"] = "succeeded";
        intent["amount_received"] = amount;
        intent["last_payment_error"] = null;
        Emit("charge.succeeded", charge);
        Emit("payment_intent.succeeded", intent);
        return charge;
    }

    private JsonObject BalanceTransaction(long amount, long fee, string currency, string source, string type)
    {
        var transaction = Store("txn", "balance_transaction");
        transaction["amount"] = amount;
        transaction["fee"] = fee;
        transaction["net"] = amount - fee;
        transaction["currency"] = currency;
        transaction["source"] = source;
        transaction["type"] = type;
        transaction["reporting_category"] = type;
        transaction["status"] = "available";
        transaction["available_on"] = transaction["created"]!.DeepClone();
        transaction["fee_details"] = fee == 0
            ? new JsonArray()
            : new JsonArray(new JsonObject { ["amount"] = fee, ["currency"] = currency, ["type"] = "stripe_fee", ["description"] = "Stripe processing fees" });
        balanceTransactionIds.Add((string)transaction["id"]!);
        return transaction;
    }

    private static (string? Code, string? DeclineCode, string? Message) Outcome(string digits) => digits switch
    {
        "4242424242424242" or "5555555555554444" => (null, null, null),
        "4000000000000002" => ("card_declined", "generic_decline", "Your card was declined."),
        "4000000000009995" => ("card_declined", "insufficient_funds", "Your card has insufficient funds."),
        _ => ("incorrect_number", null, "Your card number is incorrect."),
    };

    private void Emit(string type, JsonObject subject)
    {
        var @event = Store("evt", "event");
        @event["api_version"] = options.ApiVersion;
        @event["type"] = type;
        @event["livemode"] = false;
        @event["pending_webhooks"] = 1;
        @event["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null };
        @event["data"] = new JsonObject { ["object"] = Public(subject) };
        webhooks.Enqueue((string)@event["id"]!, type, @event.ToJsonString());
    }

    private JsonObject Store(string prefix, string objectName)
    {
        var id = $"{prefix}_{NewId()}";
        var created = new JsonObject { ["id"] = id, ["object"] = objectName, ["created"] = Now() };
        objects[id] = created;
        return created;
    }

    private JsonObject Get(string id, string expectedObject) =>
        objects.TryGetValue(id, out var found) && (string?)found["object"] == expectedObject ? found : throw StripeApiException.NoSuchObject(id);

    private long Now() => clock.GetUtcNow().ToUnixTimeSeconds();

    private static string NewId() => RandomNumberGenerator.GetString(IdAlphabet, 24);

    private static JsonObject Clone(JsonObject source) => (JsonObject)source.DeepClone();

    // Fields starting with "_" are the emulator's own bookkeeping, never part of Stripe's shape.
    private static JsonObject Public(JsonObject source)
    {
        var copy = Clone(source);
        foreach (var key in copy.Select(p => p.Key).Where(k => k.StartsWith('_')).ToList())
        {
            copy.Remove(key);
        }

        return copy;
    }

    private static JsonObject Metadata(JsonObject p) => p["metadata"] is JsonObject metadata ? Clone(metadata) : [];

    private static string? Str(JsonObject p, string name) => p[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    private static long? Long(JsonObject p, string name) => p[name] switch
    {
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        JsonValue v when v.TryGetValue<string>(out var s) => throw StripeApiException.Invalid(name, $"Invalid integer: {s}"),
        _ => null,
    };
}
