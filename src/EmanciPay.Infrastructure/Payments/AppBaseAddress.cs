using EmanciPay.Application.Payments;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;

namespace EmanciPay.Infrastructure.Payments;

/// <summary>
/// This app's own public address: App:BaseUrl when configured (always, behind a proxy), else the address the server
/// listens on. Only known once the server has started, so it is read when first needed.
/// </summary>
public sealed class AppBaseAddress(IConfiguration configuration, IServer server) : IAppUrls
{
    public Uri Root
    {
        get
        {
            if (configuration["App:BaseUrl"] is { Length: > 0 } configured)
            {
                return new Uri(configured.TrimEnd('/') + "/");
            }

            var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses
                .OrderBy(a => a.StartsWith("https", StringComparison.Ordinal) ? 1 : 0)
                .FirstOrDefault() ?? "http://localhost";
            var uri = new UriBuilder(listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
            if (uri.Host is "0.0.0.0" or "[::]" or "::")
            {
                uri.Host = "localhost";
            }

            uri.Path = "/";
            return uri.Uri;
        }
    }

    public Uri Resolve(string relative) => new(Root, relative.TrimStart('/'));

    public Uri PledgeThanks(Guid pledgeId) => Resolve($"pledges/{pledgeId}/thanks?session_id={{CHECKOUT_SESSION_ID}}");

    public Uri CheckoutCancelled(string slug) => Resolve($"stations/{Uri.EscapeDataString(slug)}?cancelled=true");

    public Uri CancelPledge(Guid pledgeId, string token) => Resolve($"pledges/{pledgeId}/cancel?token={Uri.EscapeDataString(token)}");

    public Uri ConfirmClaimEmail(Guid claimId, string token) => Resolve($"claims/{claimId}/confirm?token={Uri.EscapeDataString(token)}");

    public Uri AcceptManagerInvitation(string token) => Resolve($"manage/invitations/accept?token={Uri.EscapeDataString(token)}");

    public Uri Station(string slug) => Resolve($"stations/{Uri.EscapeDataString(slug)}");

    public Uri MyGiving() => Resolve("me/giving");

    public Uri MyBasket() => Resolve("me/basket");
}
