using System.Text;
using System.Text.Encodings.Web;
using EmanciPay.Infrastructure.Payments;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace EmanciPay.Infrastructure.Identity;

/// <summary>
/// The account mails that the site's pages send, through the same <see cref="IEmailSender{TUser}"/> as Identity's API.
/// Links are built from App:BaseUrl (<see cref="AppBaseAddress"/>), never from the request's Host header, which
/// whoever sends the request chooses.
/// </summary>
public sealed class AccountMail(UserManager<AppUser> users, IEmailSender<AppUser> sender, AppBaseAddress site)
{
    public async Task SendConfirmationAsync(AppUser user, string? returnUrl = null)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var query = Query(("userId", user.Id), ("code", code), ("returnUrl", returnUrl));
        await sender.SendConfirmationLinkAsync(user, user.Email!, Link("account/confirm-email" + query));
    }

    public async Task SendPasswordResetAsync(AppUser user)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var query = Query(("email", user.Email), ("code", code));
        await sender.SendPasswordResetLinkAsync(user, user.Email!, Link("account/reset-password" + query));
    }

    /// <summary>The link goes to the new address: following it proves the address is theirs, and only then is it changed.</summary>
    public async Task SendEmailChangeAsync(AppUser user, string newEmail)
    {
        var code = Encode(await users.GenerateChangeEmailTokenAsync(user, newEmail));
        var query = Query(("userId", user.Id), ("email", newEmail), ("code", code));
        await sender.SendConfirmationLinkAsync(user, newEmail, Link("account/confirm-email-change" + query));
    }

    /// <summary>
    /// Someone registered an address that already has an account. The answer on screen is the same as for a new address;
    /// the owner gets, by mail, what helps: a new confirmation link, or a way to reset a forgotten password.
    /// </summary>
    public Task AlreadyRegisteredAsync(AppUser user) => user.EmailConfirmed ? SendPasswordResetAsync(user) : SendConfirmationAsync(user);

    public static string Decode(string code) => Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));

    private static QueryString Query(params (string Name, string? Value)[] values) =>
        QueryString.Create(values.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string?>(v.Name, v.Value)));

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    // IEmailSender takes links HTML-encoded, ready for an href.
    private string Link(string relative) => HtmlEncoder.Default.Encode(site.Resolve(relative).ToString());
}
