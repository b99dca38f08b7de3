using EmanciPay.Application.Common;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace EmanciPay.Infrastructure.Mail;

/// <summary>Sends through an SMTP server with MailKit; a 5xx refusal of the recipient or message is final.</summary>
internal sealed class SmtpMailer(MailOptions options, MailRenderer renderer) : IMailer
{
    public async Task SendAsync(MailMessage message, CancellationToken cancellationToken)
    {
        var mime = await renderer.RenderAsync(message);
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(options.Smtp.Host!, options.Smtp.Port, options.Smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.Auto, cancellationToken);
        if (!string.IsNullOrEmpty(options.Smtp.Username))
        {
            await smtp.AuthenticateAsync(options.Smtp.Username, options.Smtp.Password ?? "", cancellationToken);
        }

        try
        {
            await smtp.SendAsync(mime, cancellationToken);
        }
        catch (SmtpCommandException refused) when (RefusedForGood(refused))
        {
            throw new MailRefusedException($"The mail server refused it: {(int)refused.StatusCode} {refused.Message}", refused);
        }

        await smtp.DisconnectAsync(quit: true, cancellationToken);
    }

    // A 5xx for this recipient or this message is final; a 5xx for our sender is our configuration, so it is retried
    // once fixed rather than failing every mail in the queue.
    private static bool RefusedForGood(SmtpCommandException exception) =>
        (int)exception.StatusCode is >= 500 and < 600
        && exception.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;
}

/// <summary>Writes each message as an .eml file, for development and tests; <see cref="MailFolder"/> reads them back.</summary>
public sealed class MailFolder(string path, MailRenderer renderer, TimeProvider clock) : IMailer
{
    public string Path { get; } = path;

    public async Task SendAsync(MailMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path);
        var mime = await renderer.RenderAsync(message);
        mime.Date = clock.GetUtcNow();
        var file = System.IO.Path.Combine(Path, $"{clock.GetUtcNow():yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");

        // Written aside and renamed into place, so a reader never sees half a message.
        await mime.WriteToAsync(file + ".partial", cancellationToken);
        File.Move(file + ".partial", file);
    }

    /// <summary>The messages written so far, newest first.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        Directory.Exists(Path)
            ? Directory.GetFiles(Path, "*.eml").Order(StringComparer.Ordinal).Reverse().Select(f => MimeMessage.Load(f)).ToList()
            : [];
}
