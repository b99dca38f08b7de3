namespace EmanciPay.StripeEmulator;

/// <summary>Test hooks for the API: fail the next calls with a status (500, 429...), or answer slowly.</summary>
public sealed class EmulatorFaults
{
    private readonly Lock gate = new();
    private readonly Queue<int> failures = new();

    public TimeSpan Latency { get; set; }

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
