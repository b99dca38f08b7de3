using System.Net;
using System.Text.Encodings.Web;
using EmanciPay.Infrastructure.Payments;
using Microsoft.AspNetCore.Identity;

namespace EmanciPay.Infrastructure.Identity;

/// <summary>
/// Identity's API endpoints (MapIdentityApi) build their confirmation links from the request, so a request sent with
/// <c>Host: evil.example</c> would have us mail a link to that site, carrying the token. This sender puts every link on
/// App:BaseUrl before it is mailed, keeping only its path and query.
/// </summary>
public sealed class BaseUrlEmailSender(IdentityMailer inner, AppBaseAddress site) : IEmailSender<AppUser>
{
    public Task SendConfirmationLinkAsync(AppUser user, string email, string confirmationLink) =>
        inner.SendConfirmationLinkAsync(user, email, OnSite(confirmationLink));

    public Task SendPasswordResetLinkAsync(AppUser user, string email, string resetLink) =>
        inner.SendPasswordResetLinkAsync(user, email, OnSite(resetLink));

    public Task SendPasswordResetCodeAsync(AppUser user, string email, string resetCode) =>
        inner.SendPasswordResetCodeAsync(user, email, resetCode);

    private string OnSite(string encodedLink)
    {
        var link = new Uri(WebUtility.HtmlDecode(encodedLink), UriKind.RelativeOrAbsolute);
        var pathAndQuery = link.IsAbsoluteUri ? link.PathAndQuery : link.OriginalString;
        return HtmlEncoder.Default.Encode(site.Resolve(pathAndQuery).ToString());
    }
}
