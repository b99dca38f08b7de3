namespace EmanciPay.StripeEmulator;

public sealed class StripeEmulatorOptions
{
    /// <summary>The secret key clients must send as a bearer token.</summary>
    public string ApiKey { get; set; } = "sk_test_emulator";

    /// <summary>The webhook signing secret (whsec_...); events are signed with it as Stripe signs them.</summary>
    public string WebhookSigningSecret { get; set; } = "whsec_emulator";

    /// <summary>The API version stamped on events; Stripe.net refuses events of another version.</summary>
    public string ApiVersion { get; set; } = "2026-10-28.endive";

    /// <summary>Where events are delivered. A function, because an in-process app knows its own address only once it listens.</summary>
    public Func<IReadOnlyList<Uri>> WebhookEndpoints { get; set; } = () => [];

    /// <summary>The first retry of a failed delivery waits this long; each further retry waits twice as long.</summary>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public int WebhookMaxAttempts { get; set; } = 6;

    /// <summary>Stripe's US card pricing: 2.9% (rounded half away from zero) plus 30 cents.</summary>
    public decimal FeePercent { get; set; } = 2.9m;

    public long FeeFixed { get; set; } = 30;
}
