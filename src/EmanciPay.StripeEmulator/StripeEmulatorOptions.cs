using System.Security.Cryptography;

namespace EmanciPay.StripeEmulator;

public sealed class StripeEmulatorOptions
{
    /// <summary>The secret key clients must send as a bearer token: made up for each process unless set.</summary>
    public string ApiKey { get; set; } = NewSecret("sk_test_");

    /// <summary>The webhook signing secret (whsec_...); events are signed with it as Stripe signs them. Made up for each process unless set.</summary>
    public string WebhookSigningSecret { get; set; } = NewSecret("whsec_");

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

    /// <summary>A secret of Stripe's shape (a prefix and 48 hex digits), new on each call: never a fixed key anyone could know.</summary>
    public static string NewSecret(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
