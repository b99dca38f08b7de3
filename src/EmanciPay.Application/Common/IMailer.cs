namespace EmanciPay.Application.Common;

public sealed record MailMessage(string To, string Subject, string TextBody, string HtmlBody);

/// <summary>Sends mail: SMTP in production; in development and tests, files in a folder that a dev-only page lists.</summary>
public interface IMailer
{
    Task SendAsync(MailMessage message, CancellationToken cancellationToken);
}
