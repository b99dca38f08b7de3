namespace EmanciPay.StripeEmulator;

/// <summary>
/// Test hooks for the API (<c>/v1/...</c>; webhook deliveries have their own on <see cref="WebhookDispatcher"/>):
/// fail the next calls with a status (500, 429...), or answer every call slowly.
/// </summary>
public sealed class EmulatorFaults
{
    private readonly Lock gate = new();
    private readonly Queue<int> failures = new();
    private long latencyTicks;

    /// <summary>
    /// Added to every API call, concurrent calls waiting side by side (the wait holds no lock), before the call is
    /// authenticated or run: <c>Faults.Latency = TimeSpan.FromSeconds(3)</c> makes Stripe slow, as a slow network or a
    /// loaded Stripe would. <see cref="Clear"/> sets it back to zero.
    /// </summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref latencyTicks));
        set => Interlocked.Exchange(ref latencyTicks, value < TimeSpan.Zero ? 0 : value.Ticks);
    }

    /// <summary>How many injected failures have been served.</summary>
    public int Served { get; private set; }

    public void FailNext(int count, int status = 500)
    {
        lock (gate)
        {
            for (var i = 0; i < count; i++)
            {
                failures.Enqueue(status);
            }
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            failures.Clear();
            Served = 0;
        }

        Latency = TimeSpan.Zero;
    }

    internal bool TryTakeFailure(out int status)
    {
        lock (gate)
        {
            if (!failures.TryDequeue(out status))
            {
                return false;
            }

            Served++;
            return true;
        }
    }
}
