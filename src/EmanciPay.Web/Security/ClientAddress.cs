using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.HttpOverrides;

namespace EmanciPay.Web.Security;

/// <summary>
/// Who a request comes from, for rate limits. Behind a proxy that is the address the proxy forwards (X-Forwarded-For),
/// believed only from the proxies named in ForwardedHeaders:KnownProxies / KnownNetworks: from anyone else the header is
/// ignored, since a client could write any address there and so get a fresh limit with each request.
/// </summary>
public static class ClientAddress
{
    public const string Section = "ForwardedHeaders";

    /// <summary>The limit key of a request's client. IPv6 clients are keyed by their /64, which one subscriber gets whole.</summary>
    public static string Key(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } address)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }

    /// <summary>Trusts X-Forwarded-For and X-Forwarded-Proto from the configured proxies only; with none configured, from nobody.</summary>
    public static IServiceCollection AddKnownProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection($"{Section}:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection($"{Section}:KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = configuration.GetValue($"{Section}:ForwardLimit", 1);
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    public static bool HasKnownProxies(IConfiguration configuration) =>
        configuration.GetSection($"{Section}:KnownProxies").GetChildren().Any() || configuration.GetSection($"{Section}:KnownNetworks").GetChildren().Any();
}
