namespace EmanciPay.Infrastructure.Payments;

/// <summary>The "Stripe" configuration section.</summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    public string? SecretKey { get; set; }

    public string? WebhookSigningSecret { get; set; }

    /// <summary>Overrides Stripe's API address; empty for Stripe itself.</summary>
    public string? ApiBase { get; set; }

    public int MaxNetworkRetries { get; set; } = 2;
}

/// <summary>
/// How this process talks to Stripe through Stripe.net: a secret key, the webhook signing secret, and the API's
/// address. Made from configuration when a secret key is set; without one, the host decides what stands in for
/// Stripe and registers the settings for it (the web host's in-process emulator, see <see cref="UsesEmulator"/>).
/// </summary>
public sealed class StripeSettings(string secretKey, string webhookSigningSecret, string? apiBase, int maxNetworkRetries, bool usesEmulator = false)
{
    public const string HttpClientName = "EmanciPay.Stripe";

    public string SecretKey { get; } = secretKey;

    public string WebhookSigningSecret { get; } = webhookSigningSecret;

    /// <summary>Stripe's API address when not Stripe's own: absolute, or relative to this app's own address for a stand-in the app serves itself.</summary>
    public string? ApiBase { get; } = apiBase;

    public int MaxNetworkRetries { get; } = maxNetworkRetries;

    /// <summary>Payments go to a Stripe emulator, not to Stripe: no real money moves, and every page says so.</summary>
    public bool UsesEmulator { get; } = usesEmulator;

    /// <summary>Stripe as configured, or null when no secret key is set.</summary>
    public static StripeSettings? From(StripeOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.SecretKey))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(options.WebhookSigningSecret))
        {
            throw new InvalidOperationException("Stripe:SecretKey is set, so Stripe:WebhookSigningSecret must be set too.");
        }

        return new StripeSettings(options.SecretKey, options.WebhookSigningSecret, options.ApiBase, options.MaxNetworkRetries);
    }
}
