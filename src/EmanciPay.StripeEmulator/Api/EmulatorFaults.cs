namespace EmanciPay.StripeEmulator;

/// <summary>
/// Test hooks for the API (<c>/v1/...</c>; webhook deliveries have their own on <see cref="WebhookDispatcher"/>):
/// fail the next calls with a status (500, 429...), or answer every call slowly.
/// </summary>
public sealed class EmulatorFaults
{
    private readonly Lock gate = new();
    private readonly Queue<int> failures = new();
    private readonly List<(string Method, string Path, string Message)> refusals = [];
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

    /// <summary>
    /// The next call of <paramref name="method"/> to <paramref name="path"/> ("/v1/refunds") is refused as Stripe refuses
    /// a request it will not carry out: 400, <c>invalid_request_error</c>, with <paramref name="message"/>. Other calls go through.
    /// </summary>
    public void RefuseNext(string method, string path, string message)
    {
        lock (gate)
        {
            refusals.Add((method, path, message));
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            failures.Clear();
            refusals.Clear();
            Served = 0;
        }

        Latency = TimeSpan.Zero;
    }

    internal bool TryTakeRefusal(string method, string path, out string message)
    {
        lock (gate)
        {
            var index = refusals.FindIndex(r => r.Method == method && path.EndsWith(r.Path, StringComparison.Ordinal));
            message = index < 0 ? "" : refusals[index].Message;
            if (index >= 0)
            {
                refusals.RemoveAt(index);
            }

            return index >= 0;
        }
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
