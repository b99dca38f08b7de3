namespace EmanciPay.Application.Common;

/// <summary>
/// A mail to one address, as the facts it states (amounts in minor units, names as typed). Each kind is a record
/// deriving from this one, and the mailer renders it from the Razor template made for that kind, as HTML with a
/// plain-text part: amounts are formatted and what users typed is encoded in the template, never by hand.
/// </summary>
public abstract record MailMessage(string To);

/// <summary>Sends mail: SMTP in production; in development and tests, files in a folder that a dev-only page lists.</summary>
public interface IMailer
{
    Task SendAsync(MailMessage message, CancellationToken cancellationToken);
}
