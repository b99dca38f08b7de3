namespace EmanciPay.Domain.Payments;

/// <summary>The mails a payment sends its listener.</summary>
public enum PaymentMailKind
{
    Receipt = 1,
    RefundNotice = 2,
    GiftMovedNotice = 3,
    DeadlineReminder = 4,
}

/// <summary>
/// A payment's mail that did not go out: a mail the server or the parser refused is given up with its reason, for
/// staff to see; any other failure is tried again later, waiting longer each time. Mail that went out first time
/// needs no row: the payment records when it was sent.
/// </summary>
public sealed class MailDelivery
{
    public const int MaxReasonLength = MailBackoff.MaxReasonLength;

    private MailDelivery(Guid paymentId, PaymentMailKind kind)
    {
        PaymentId = paymentId;
        Kind = kind;
        Reason = "";
    }

    public Guid PaymentId { get; private set; }

    public PaymentMailKind Kind { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>When the mail sweep may try again; meaningless once <see cref="FailedAt"/> is set.</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>Set when the mail was refused for good: it is never tried again.</summary>
    public DateTimeOffset? FailedAt { get; private set; }

    /// <summary>Why the last try failed, as the mail server or parser said.</summary>
    public string Reason { get; private set; }

    public static MailDelivery For(Guid paymentId, PaymentMailKind kind) => new(paymentId, kind);

    public bool IsDue(DateTimeOffset now) => FailedAt is null && NextAttemptAt <= now;

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
