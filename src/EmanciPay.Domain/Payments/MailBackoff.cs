namespace EmanciPay.Domain.Payments;

/// <summary>When a mail that failed for now is tried again (doubling from a minute to six hours), and its reason as kept.</summary>
public static class MailBackoff
{
    public const int MaxReasonLength = 1000;
    private static readonly TimeSpan FirstWait = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(6);

    /// <summary>The next try after the <paramref name="attempts"/>-th failure.</summary>
    public static DateTimeOffset NextAttempt(int attempts, DateTimeOffset now)
    {
        var wait = FirstWait * Math.Pow(2, Math.Min(attempts - 1, 16));
        return now + (wait < LongestWait ? wait : LongestWait);
    }

    public static string Reason(string reason) => reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength];
}
