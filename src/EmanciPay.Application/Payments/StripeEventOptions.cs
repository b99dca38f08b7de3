namespace EmanciPay.Application.Payments;

/// <summary>The inbox's settings in the "Stripe" configuration section.</summary>
public sealed class StripeEventOptions
{
    public const string Section = "Stripe";

    /// <summary>Stripe stops redelivering an event after three days; an id must be remembered at least that long.</summary>
    public const int MinimumRetentionDays = 4;

    /// <summary>How long processed events (and their payloads) are kept before the daily prune deletes them.</summary>
    public int EventRetentionDays { get; set; } = 30;
}
