namespace EmanciPay.Infrastructure.Jobs;

/// <summary>The "Outbox" configuration section: how this node's dispatcher hands outbox messages to Hangfire.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Whether this node dispatches; every node does by default, and they share the work without colliding.</summary>
    public bool Dispatch { get; set; } = true;

    public double PollSeconds { get; set; } = 1;

    public int BatchSize { get; set; } = 100;

    /// <summary>How long dispatched messages are kept, for looking into what was enqueued.</summary>
    public int RetentionDays { get; set; } = 7;
}
