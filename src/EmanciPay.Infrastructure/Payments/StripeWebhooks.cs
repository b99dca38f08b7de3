using System.Text.Json;
using EmanciPay.Domain.Payments;
using Stripe;

namespace EmanciPay.Infrastructure.Payments;

/// <summary>A verified webhook event, reduced to what the inbox needs: its id, its type, and which payment it is about.</summary>
public sealed record StripeWebhook(string EventId, string Type, string? PaymentIntentId);

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
            var paymentIntentId = Text(subject, "object") switch
            {
                "payment_intent" => Text(subject, "id"),
                "charge" or "checkout.session" => Text(subject, "payment_intent"),
                _ => null,
            };
            webhook = new StripeWebhook(id, type, paymentIntentId is { Length: > StripeEvent.MaxIdLength } ? null : paymentIntentId);
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
