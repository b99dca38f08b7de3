using EmanciPay.Application.Payments;

namespace EmanciPay.Infrastructure.Payments;

/// <summary>The station portal's onboarding pages, at this app's public address, for Stripe to send managers back to.</summary>
internal sealed class ConnectUrls(AppBaseAddress baseAddress) : IConnectUrls
{
    public Uri RefreshPage(string slug) => baseAddress.Resolve($"manage/{Uri.EscapeDataString(slug)}/connect/refresh");

    public Uri ReturnPage(string slug) => baseAddress.Resolve($"manage/{Uri.EscapeDataString(slug)}/connect/return");
}
