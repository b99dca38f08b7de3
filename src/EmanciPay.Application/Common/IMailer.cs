namespace EmanciPay.Application.Common;

/// <summary>
/// A mail to one address, as the facts it states (amounts in minor units, names as typed). Each kind is a record
/// deriving from this one, and the mailer renders it from the Razor template made for that kind, as HTML with a
/// plain-text part: amounts are formatted and what users typed is encoded in the template, never by hand.
/// </summary>
public abstract record MailMessage(string To);

/// <summary>
/// Sends mail: SMTP in production; in development and tests, files in a folder that a dev-only page lists. Throws
/// <see cref="MailRefusedException"/> for a mail that can never be sent; any other exception may pass if tried later.
/// </summary>
public interface IMailer
{
    Task SendAsync(MailMessage message, CancellationToken cancellationToken);
}

/// <summary>A mail refused for good: its address does not parse, or the mail server answered with a 5xx status.</summary>
public sealed class MailRefusedException(string reason, Exception? innerException = null) : Exception(reason, innerException);

/// <summary>Whether the mailer can send to an address, by the same parser it sends with; every address a user gives is checked with it.</summary>
public interface IMailAddresses
{
    bool CanSendTo(string? address);
}
