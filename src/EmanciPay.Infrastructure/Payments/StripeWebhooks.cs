using Stripe;
using Stripe.Checkout;

namespace EmanciPay.Infrastructure.Payments;

/// <summary>A verified webhook event, reduced to what our handlers need: which payment it is about.</summary>
public sealed record StripeWebhook(string EventId, string Type, string? PaymentIntentId);

/// <summary>Verifies Stripe-Signature (HMAC with the signing secret, at most 300 seconds old) with Stripe.net.</summary>
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

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(payload, signature, settings.WebhookSigningSecret, ToleranceSeconds, clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: true);
        }
        catch (StripeException)
        {
            return false;
        }

        var paymentIntentId = stripeEvent.Data?.Object switch
        {
            Session session => session.PaymentIntentId,
            PaymentIntent intent => intent.Id,
            Charge charge => charge.PaymentIntentId,
            _ => null,
        };
        webhook = new StripeWebhook(stripeEvent.Id, stripeEvent.Type, paymentIntentId);
        return true;
    }
}
