using System.Net;
using EmanciPay.Application.Common;
using Microsoft.AspNetCore.Identity;

namespace EmanciPay.Infrastructure.Identity;

/// <summary>The mail that Identity's API endpoints send (confirm an address, reset a password), through our mailer.</summary>
public sealed class IdentityMailer(IMailer mailer) : IEmailSender<AppUser>
{
    public Task SendConfirmationLinkAsync(AppUser user, string email, string confirmationLink) =>
        SendAsync(email, "Confirm your EmanciPay account", "Confirm your email address to finish setting up your account", confirmationLink);

    public Task SendPasswordResetLinkAsync(AppUser user, string email, string resetLink) =>
        SendAsync(email, "Reset your EmanciPay password", "Choose a new password for your account", resetLink);

    public Task SendPasswordResetCodeAsync(AppUser user, string email, string resetCode) =>
        mailer.SendAsync(
            new MailMessage(
                email,
                "Reset your EmanciPay password",
                $"Your password reset code is {resetCode}. If you did not ask for it, ignore this email.",
                $"<p>Your password reset code is <strong>{WebUtility.HtmlEncode(resetCode)}</strong>.</p><p>If you did not ask for it, ignore this email.</p>"),
            CancellationToken.None);

    // Identity hands over the links HTML-encoded, ready for an href.
    private Task SendAsync(string email, string subject, string action, string encodedLink) =>
        mailer.SendAsync(
            new MailMessage(
                email,
                subject,
                $"{action}: {WebUtility.HtmlDecode(encodedLink)}\n\nIf you did not ask for this, ignore this email.",
                $"<p><a href=\"{encodedLink}\">{WebUtility.HtmlEncode(action)}</a>.</p><p>If you did not ask for this, ignore this email.</p>"),
            CancellationToken.None);
}
