namespace EmanciPay.Domain.Payments;

/// <summary>
/// How a mail that failed is tried again, for every kind of mail whose failures are kept (a payment's mails, a claim's
/// notices, the January statements): a mail the server or the parser refused is given up with its reason, for staff to
/// see; any other failure is tried again later, waiting twice as long each time, from a minute up to six hours.
/// </summary>
public abstract class MailAttempts
{
    public const int MaxReasonLength = 1000;
    private static readonly TimeSpan FirstWait = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(6);

    public int Attempts { get; private set; }

    /// <summary>When the mail sweep may try again; meaningless once <see cref="FailedAt"/> is set.</summary>
    public DateTimeOffset NextAttemptAt { get; protected set; }

    /// <summary>Set when the mail was refused for good: it is never tried again.</summary>
    public DateTimeOffset? FailedAt { get; private set; }

    /// <summary>Why the last try failed, as the mail server or parser said.</summary>
    public string Reason { get; private set; } = "";

    public virtual bool IsDue(DateTimeOffset now) => FailedAt is null && NextAttemptAt <= now;

    public void FailedForNow(string reason, DateTimeOffset now)
    {
        Attempts++;
        Reason = Shortened(reason);
        var wait = FirstWait * Math.Pow(2, Math.Min(Attempts - 1, 16));
        NextAttemptAt = now + (wait < LongestWait ? wait : LongestWait);
    }

    public void Refused(string reason, DateTimeOffset now)
    {
        Attempts++;
        Reason = Shortened(reason);
        FailedAt ??= now;
    }

    private static string Shortened(string reason) => reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength];
}
