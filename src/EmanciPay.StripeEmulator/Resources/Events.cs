using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator;

/// <summary>Events: <c>GET /v1/events/{id}</c>, and each one handed to webhook delivery as it happens.</summary>
public sealed partial class StripeEmulator
{
    internal static readonly Parameters RetrieveEventParameters = Parameters.Operation();

    /// <summary>
    /// Records an event about an object as it is now. An event caused by an API request names it, with its
    /// idempotency key, as Stripe's do; one caused on a hosted page (a listener paying) names none. An event about a
    /// connected account (<c>account.updated</c>) names that account, as Stripe's Connect events do.
    /// </summary>
    private void Emit(string type, JsonObject subject, string? connectedAccount = null)
    {
        var @event = Store("evt", "event");
        if (connectedAccount is not null)
        {
            @event["account"] = connectedAccount;
        }

        @event["api_version"] = options.ApiVersion;
        @event["type"] = type;
        @event["pending_webhooks"] = options.WebhookEndpoints().Count;
        @event["request"] = new JsonObject { ["id"] = currentRequest?.Id, ["idempotency_key"] = currentRequest?.IdempotencyKey };
        @event["data"] = new JsonObject { ["object"] = Public(subject) };
        webhooks.Enqueue((string)@event["id"]!, type, @event.ToJsonString());
    }
}
