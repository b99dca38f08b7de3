using EmanciPay.Domain.Payments;

namespace EmanciPay.Domain.Record;

/// <summary>
/// The January mail of one listener's year-end giving statement: one row per listener and year, so a job run twice
/// sends once. A refusal is final with its reason; any other failure is tried again later, waiting longer each time,
/// and never holds up the other listeners' mail.
/// </summary>
public sealed class StatementMailing : MailAttempts
{
    private StatementMailing(string listenerId, int year)
    {
        ListenerId = listenerId;
        Year = year;
    }

    public string ListenerId { get; private set; }

    public int Year { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public static StatementMailing For(string listenerId, int year, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listenerId);
        return new StatementMailing(listenerId, year) { NextAttemptAt = at };
    }

    public override bool IsDue(DateTimeOffset now) => SentAt is null && base.IsDue(now);

    public void Sent(DateTimeOffset at) => SentAt ??= at;
}
