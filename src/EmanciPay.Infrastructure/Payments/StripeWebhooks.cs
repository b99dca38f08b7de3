using System.Text.Json;
using EmanciPay.Application.Payments;
using Stripe;

namespace EmanciPay.Infrastructure.Payments;

/// <summary>A verified webhook event, reduced to what the inbox needs: its id, its type, and the type and id of the object it is about.</summary>
public sealed record StripeWebhook(string EventId, string Type, string? ObjectType, string? ObjectId);

/// <summary>
/// Verifies Stripe-Signature (HMAC with the signing secret, at most 300 seconds old) with Stripe.net, and that the
/// event was rendered in the API version Stripe.net reads. Only the few fields the inbox needs are read here; the
/// event is parsed in full, with Stripe.net, when it is processed.
/// </summary>
public sealed class StripeWebhooks(StripeSettings settings, TimeProvider clock)
{
    public const long ToleranceSeconds = 300;

    public bool TryRead(string payload, string? signature, out StripeWebhook? webhook)
    {
        webhook = null;
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        try
        {
            EventUtility.ValidateSignature(payload, signature, settings.WebhookSigningSecret, ToleranceSeconds, clock.GetUtcNow().ToUnixTimeSeconds());
        }
        catch (StripeException)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (Text(root, "id") is not { Length: <= StripeEvent.MaxIdLength } id
                || Text(root, "type") is not { Length: <= StripeEvent.MaxTypeLength } type
                || !IsReadableApiVersion(Text(root, "api_version")))
            {
                return false;
            }

            var subject = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && data.TryGetProperty("object", out var found) ? found : default;
            webhook = new StripeWebhook(
                id,
                type,
                Text(subject, "object") is { Length: <= StripeEvent.MaxTypeLength } objectType ? objectType : null,
                Text(subject, "id") is { Length: <= StripeEvent.MaxIdLength } objectId ? objectId : null);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // Stripe's releases are named (2026-10-28.endive): monthly releases of one name are compatible, as Stripe.net holds.
    private static bool IsReadableApiVersion(string? version) =>
        version is not null && (version == StripeConfiguration.ApiVersion || (ReleaseName(version) is { } name && name == ReleaseName(StripeConfiguration.ApiVersion)));

    private static string? ReleaseName(string version) => version.LastIndexOf('.') is var dot and > 0 ? version[(dot + 1)..] : null;

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
