namespace EmanciPay.Domain.Listening;

/// <summary>
/// One stretch of listening in a listener's own log: the station, when it began and for how long. The log belongs to
/// the listener, who may correct or delete an entry until its month closes; stations never see it, only the amount a
/// per-use pledge comes to.
/// </summary>
public sealed class ListeningSession
{
    public const int MaxMinutes = 24 * 60;

    /// <summary>Days into the next month during which a month's log can still be written to, so the last evenings count.</summary>
    public const int GraceDays = 2;

    private ListeningSession(Guid id, string listenerId, Guid recipientId, DateTimeOffset startedAt, int minutes, DateTimeOffset recordedAt)
    {
        Id = id;
        ListenerId = listenerId;
        RecipientId = recipientId;
        StartedAt = startedAt;
        Minutes = minutes;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }

    public string ListenerId { get; private set; }

    public Guid RecipientId { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public int Minutes { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>The first instant of the month (UTC) a session falls in.</summary>
    public static DateTimeOffset MonthOf(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>When the month beginning at <paramref name="month"/> closes: its log is then fixed and charged.</summary>
    public static DateTimeOffset ClosesAt(DateTimeOffset month) => MonthOf(month).AddMonths(1).AddDays(GraceDays);

    public bool IsOpen(DateTimeOffset now) => now < ClosesAt(StartedAt);

    public static ListeningSession Record(string listenerId, Guid recipientId, DateTimeOffset startedAt, int minutes, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listenerId);
        Require(minutes is > 0 and <= MaxMinutes, "A session lasts from 1 minute to 24 hours.");
        Require(startedAt.AddMinutes(minutes) <= now, "A session cannot end in the future.");
        Require(now < ClosesAt(startedAt), "That month is closed.");
        return new ListeningSession(Guid.CreateVersion7(now), listenerId, recipientId, startedAt.ToUniversalTime(), minutes, now);
    }

    public void Correct(DateTimeOffset startedAt, int minutes, DateTimeOffset now)
    {
        Require(IsOpen(now), "That month is closed.");
        Require(minutes is > 0 and <= MaxMinutes, "A session lasts from 1 minute to 24 hours.");
        Require(startedAt.AddMinutes(minutes) <= now, "A session cannot end in the future.");
        Require(MonthOf(startedAt) == MonthOf(StartedAt), "A session stays in its month.");
        StartedAt = startedAt.ToUniversalTime();
        Minutes = minutes;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
