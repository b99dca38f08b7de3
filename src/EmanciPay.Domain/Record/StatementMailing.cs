using EmanciPay.Domain.Payments;

namespace EmanciPay.Domain.Record;

/// <summary>
/// The January mail of one listener's year-end giving statement: one row per listener and year, so a job run twice
/// sends once. A refusal is final with its reason; any other failure is tried again later, waiting longer each time,
/// and never holds up the other listeners' mail.
/// </summary>
public sealed class StatementMailing
{
    public const int MaxReasonLength = MailBackoff.MaxReasonLength;

    private StatementMailing(string listenerId, int year)
    {
        ListenerId = listenerId;
        Year = year;
        Reason = "";
    }

    public string ListenerId { get; private set; }

    public int Year { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>Set when the mail was refused for good: it is never tried again.</summary>
    public DateTimeOffset? FailedAt { get; private set; }

    public string Reason { get; private set; }

    public static StatementMailing For(string listenerId, int year, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listenerId);
        return new StatementMailing(listenerId, year) { NextAttemptAt = at };
    }

    public bool IsDue(DateTimeOffset now) => SentAt is null && FailedAt is null && NextAttemptAt <= now;

    public void Sent(DateTimeOffset at) => SentAt ??= at;

    public void FailedForNow(string reason, DateTimeOffset now)
    {
        Attempts++;
        Reason = MailBackoff.Reason(reason);
        NextAttemptAt = MailBackoff.NextAttempt(Attempts, now);
    }

    public void Refused(string reason, DateTimeOffset now)
    {
        Attempts++;
        Reason = MailBackoff.Reason(reason);
        FailedAt ??= now;
    }
}
