using System.Net;
using EmanciPay.Application.Common;
using Microsoft.AspNetCore.Identity;

namespace EmanciPay.Infrastructure.Identity;

/// <summary>The mail that Identity sends (confirm an address, reset a password), through our mailer and its templates.</summary>
public sealed class IdentityMailer(IMailer mailer) : IEmailSender<AppUser>
{
    // Identity hands over its links HTML-encoded, ready for an href; the templates encode what they write themselves.
    public Task SendConfirmationLinkAsync(AppUser user, string email, string confirmationLink) =>
        mailer.SendAsync(new AccountConfirmationMail(email, WebUtility.HtmlDecode(confirmationLink)), CancellationToken.None);

    public Task SendPasswordResetLinkAsync(AppUser user, string email, string resetLink) =>
        mailer.SendAsync(new PasswordResetLinkMail(email, WebUtility.HtmlDecode(resetLink)), CancellationToken.None);

    public Task SendPasswordResetCodeAsync(AppUser user, string email, string resetCode) =>
        mailer.SendAsync(new PasswordResetCodeMail(email, resetCode), CancellationToken.None);
}

/// <summary>Asks a new account's owner to confirm their address by opening <paramref name="Link"/>.</summary>
public sealed record AccountConfirmationMail(string To, string Link) : MailMessage(To);

/// <summary>Lets the account's owner choose a new password by opening <paramref name="Link"/>.</summary>
public sealed record PasswordResetLinkMail(string To, string Link) : MailMessage(To);

/// <summary>Gives the account's owner the code that lets them choose a new password.</summary>
public sealed record PasswordResetCodeMail(string To, string Code) : MailMessage(To);
