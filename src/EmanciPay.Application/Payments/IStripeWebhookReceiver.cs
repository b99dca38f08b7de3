namespace EmanciPay.Application.Payments;

/// <summary>Stripe's webhooks as they arrive: verified by their signature, then put in the inbox.</summary>
public interface IStripeWebhookReceiver
{
    /// <summary>
    /// Whether the payload was a verified event, and if so whether it was new; answered only once the event is stored.
    /// Throws when it could not be stored, and Stripe retries.
    /// </summary>
    Task<WebhookReceipt> ReceiveAsync(string payload, string? signature, CancellationToken cancellationToken);
}

public enum WebhookReceipt
{
    /// <summary>The signature is missing, invalid or too old, or the event is not in the API version this app reads.</summary>
    Unverified,

    Added,

    /// <summary>A redelivery: the event was already in the inbox.</summary>
    Duplicate,
}
