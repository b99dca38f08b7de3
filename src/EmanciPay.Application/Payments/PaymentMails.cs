using EmanciPay.Application.Common;
using EmanciPay.Domain.Payments;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Application.Payments;

/// <summary>
/// Sends one payment's mail on its own, so that one failing mail never stops the others: a refusal is recorded as
/// final with its reason, any other failure as a try to repeat later (the mail sweep brings it back when due).
/// </summary>
public static partial class PaymentMails
{
    /// <summary>Whether the mail went out; a failure is recorded on its <see cref="MailDelivery"/> (added if it has none), never thrown.</summary>
    public static async Task<bool> TrySendAsync(
        IAppDbContext db, IMailer mailer, ILogger logger, MailMessage mail, Guid paymentId, PaymentMailKind kind, MailDelivery? delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await mailer.SendAsync(mail, cancellationToken);
            if (delivery is not null)
            {
                db.MailDeliveries.Remove(delivery);
            }

            return true;
        }
        catch (MailRefusedException refused)
        {
            LogRefused(logger, kind, paymentId);
            (delivery ?? Add(db, paymentId, kind)).Refused(refused.Message, now);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailedForNow(logger, kind, paymentId, exception.GetType().Name);
            (delivery ?? Add(db, paymentId, kind)).FailedForNow($"{exception.GetType().Name}: {exception.Message}", now);
        }

        return false;
    }

    private static MailDelivery Add(IAppDbContext db, Guid paymentId, PaymentMailKind kind) => db.MailDeliveries.Add(MailDelivery.For(paymentId, kind)).Entity;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Kind} mail for payment {PaymentId} was refused for good; it is listed for staff and not tried again")]
    private static partial void LogRefused(ILogger logger, PaymentMailKind kind, Guid paymentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Kind} mail for payment {PaymentId} could not be sent ({ExceptionType}); the mail sweep will try it again later")]
    private static partial void LogFailedForNow(ILogger logger, PaymentMailKind kind, Guid paymentId, string exceptionType);
}
