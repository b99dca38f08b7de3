using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator;

/// <summary>
/// A stateful, in-memory Stripe: customers, Checkout Sessions, PaymentIntents, payment methods, charges with balance
/// transactions and Stripe's fees, refunds and events, in Stripe's JSON shapes; one file per resource. One lock guards
/// all state: it is a test double, so simple and correct beats fast.
/// </summary>
public sealed partial class StripeEmulator(StripeEmulatorOptions options, WebhookDispatcher webhooks, TimeProvider clock)
{
    /// <summary>How long a key is remembered, as at Stripe: after that the same key runs the request again.</summary>
    public static readonly TimeSpan IdempotencyKeyLifetime = TimeSpan.FromHours(24);

    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private readonly Lock gate = new();
    private readonly Dictionary<string, JsonObject> objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JsonObject>> createdInOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Fingerprint, int Status, string Body, DateTimeOffset At)> idempotentResults = new(StringComparer.Ordinal);

    // The API request being run (under the lock), so the events it causes can name it; null for the hosted pages.
    private ApiRequest? currentRequest;

    public EmulatorFaults Faults { get; } = new();

    public WebhookDispatcher Webhooks => webhooks;

    public StripeEmulatorOptions Options => options;

    /// <summary>
    /// Runs an API operation with Stripe's idempotency: the same key and parameters replay the first result; other
    /// parameters are an error. A request refused for its parameters saves nothing, so a corrected retry runs.
    /// </summary>
    internal (int Status, string Body, bool Replayed) Execute(ApiRequest request, string fingerprint, Func<JsonNode> operation)
    {
        lock (gate)
        {
            var key = request.IdempotencyKey;
            if (key is not null && idempotentResults.TryGetValue(key, out var earlier) && clock.GetUtcNow() - earlier.At < IdempotencyKeyLifetime)
            {
                if (earlier.Fingerprint != fingerprint)
                {
                    var error = new StripeApiException(400, "idempotency_error",
                        $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request.");
                    return (error.Status, error.ToJson().ToJsonString(), false);
                }

                return (earlier.Status, earlier.Body, true);
            }

            int status;
            string body;
            currentRequest = request;
            try
            {
                body = operation().ToJsonString();
                status = 200;
            }
            catch (StripeApiException error)
            {
                status = error.Status;
                body = error.ToJson().ToJsonString();
                if (error.IsValidationFailure)
                {
                    return (status, body, false);
                }
            }
            finally
            {
                currentRequest = null;
            }

            if (key is not null)
            {
                idempotentResults[key] = (fingerprint, status, body, clock.GetUtcNow());
            }

            return (status, body, false);
        }
    }

    /// <summary>Any object by id, with <c>expand</c> paths such as <c>latest_charge.balance_transaction</c> replaced by the objects they name.</summary>
    public JsonObject Retrieve(string id, string expectedObject, JsonObject p)
    {
        lock (gate)
        {
            var found = Public(Get(id, expectedObject));
            foreach (var path in Parameters.Expand(p))
            {
                Expand(found, path.Split('.'));
            }

            return found;
        }
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

    private JsonObject Store(string prefix, string objectName)
    {
        var id = $"{prefix}_{RandomNumberGenerator.GetString(IdAlphabet, 24)}";
        var created = new JsonObject { ["id"] = id, ["object"] = objectName, ["created"] = Now() };
        if (objectName is not ("balance_transaction" or "refund"))
        {
            // Stripe's spec gives these two no livemode; every other object the emulator serves has it.
            created["livemode"] = false;
        }

        objects[id] = created;
        if (!createdInOrder.TryGetValue(objectName, out var ofKind))
        {
            createdInOrder[objectName] = ofKind = [];
        }

        ofKind.Add(created);
        return created;
    }

    private JsonObject Get(string id, string expectedObject) =>
        objects.TryGetValue(id, out var found) && (string?)found["object"] == expectedObject ? found : throw StripeApiException.NoSuchObject(id, expectedObject);

    private List<JsonObject> NewestFirst(string objectName) =>
        createdInOrder.TryGetValue(objectName, out var ofKind) ? ofKind.AsEnumerable().Reverse().ToList() : [];

    private long Now() => clock.GetUtcNow().ToUnixTimeSeconds();

    private static string Secret() => RandomNumberGenerator.GetString(IdAlphabet, 24);

    // Fields starting with "_" are the emulator's own bookkeeping, never part of Stripe's shape.
    private static JsonObject Public(JsonObject source)
    {
        var copy = (JsonObject)source.DeepClone();
        foreach (var key in copy.Select(p => p.Key).Where(k => k.StartsWith('_')).ToList())
        {
            copy.Remove(key);
        }

        return copy;
    }

    private static JsonObject NoAddress() => new()
    {
        ["city"] = null,
        ["country"] = null,
        ["line1"] = null,
        ["line2"] = null,
        ["postal_code"] = null,
        ["state"] = null,
    };
}
