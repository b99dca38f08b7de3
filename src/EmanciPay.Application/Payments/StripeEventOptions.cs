namespace EmanciPay.Application.Payments;

/// <summary>The inbox's settings in the "Stripe" configuration section.</summary>
public sealed class StripeEventOptions
{
    public const string Section = "Stripe";

    /// <summary>Stripe stops redelivering an event after three days; an id must be remembered at least that long.</summary>
    public const int MinimumRetentionDays = 4;

    /// <summary>How long processed events (and their payloads) are kept before the daily prune deletes them.</summary>
    public int EventRetentionDays { get; set; } = 30;

    /// <summary>The most events one transaction processes (1 to 500).</summary>
    public int EventBatchSize { get; set; } = 500;

    /// <summary>
    /// The largest webhook body accepted, in bytes (256 KiB): Stripe's events are a few kilobytes, so anything larger is
    /// refused with 413 before it is read into memory.
    /// </summary>
    public int WebhookMaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>How often a node looks for due events it was not woken for (another node's, or a crash's leftovers).</summary>
    public double EventPollSeconds { get; set; } = 5;
}
