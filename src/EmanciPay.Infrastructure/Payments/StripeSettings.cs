using System.Security.Cryptography;

namespace EmanciPay.Infrastructure.Payments;

/// <summary>The "Stripe" configuration section.</summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    public string? SecretKey { get; set; }

    public string? WebhookSigningSecret { get; set; }

    /// <summary>Overrides Stripe's API address; empty for Stripe itself (or for the in-process emulator in test mode).</summary>
    public string? ApiBase { get; set; }

    public int MaxNetworkRetries { get; set; } = 2;
}

/// <summary>
/// How this process talks to Stripe. With no secret key configured, payments go to the in-process emulator, with a
/// key and a webhook secret made up for this run; with a real key the emulator is not even mounted.
/// </summary>
public sealed class StripeSettings
{
    public const string HttpClientName = "EmanciPay.Stripe";
    public const string EmulatorPath = "/stripe-emulator";

    private StripeSettings(bool usesEmulator, string secretKey, string webhookSigningSecret, string? apiBase, int maxNetworkRetries)
    {
        UsesEmulator = usesEmulator;
        SecretKey = secretKey;
        WebhookSigningSecret = webhookSigningSecret;
        ApiBase = apiBase;
        MaxNetworkRetries = maxNetworkRetries;
    }

    public bool UsesEmulator { get; }

    public string SecretKey { get; }

    public string WebhookSigningSecret { get; }

    public string? ApiBase { get; }

    public int MaxNetworkRetries { get; }

    public static StripeSettings From(StripeOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.SecretKey))
        {
            return new StripeSettings(true, "sk_test_emulator", "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), options.ApiBase, options.MaxNetworkRetries);
        }

        if (string.IsNullOrWhiteSpace(options.WebhookSigningSecret))
        {
            throw new InvalidOperationException("Stripe:SecretKey is set, so Stripe:WebhookSigningSecret must be set too.");
        }

        return new StripeSettings(false, options.SecretKey, options.WebhookSigningSecret, options.ApiBase, options.MaxNetworkRetries);
    }
}
