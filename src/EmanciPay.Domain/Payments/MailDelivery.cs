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
/// A payment's mail that did not go out, tried again as <see cref="MailAttempts"/> says. Mail that went out first time
/// needs no row: the payment records when it was sent.
/// </summary>
public sealed class MailDelivery : MailAttempts
{
    private MailDelivery(Guid paymentId, PaymentMailKind kind)
    {
        PaymentId = paymentId;
        Kind = kind;
    }

    public Guid PaymentId { get; private set; }

    public PaymentMailKind Kind { get; private set; }

    public static MailDelivery For(Guid paymentId, PaymentMailKind kind) => new(paymentId, kind);
}
