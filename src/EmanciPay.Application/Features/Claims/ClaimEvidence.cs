namespace EmanciPay.Application.Features.Claims;

/// <summary>
/// The rules a claim's evidence follows: an address at the station's website domain (or a subdomain of it), confirmed
/// by a link (<see cref="Common.LinkTokens"/>).
/// </summary>
public static class ClaimEvidence
{
    /// <summary>
    /// The domain a station's addresses must be at: its website's host, lower case, without a leading "www.".
    /// (No public suffix list: "radio.example.co.uk" stays as it is, so the rule errs on the strict side.) Null when the
    /// station has no usable website.
    /// </summary>
    public static string? StationDomain(string? website)
    {
        if (website is null || !Uri.TryCreate(website, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.HostNameType != UriHostNameType.Dns)
        {
            return null;
        }

        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        host = host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
        return host.Contains('.', StringComparison.Ordinal) ? host : null;
    }

    /// <summary>Whether the address is at the domain or one of its subdomains ("gm@news.wfmu.org" for "wfmu.org").</summary>
    public static bool IsAt(string email, string domain)
    {
        var at = email.LastIndexOf('@');
        if (at < 1)
        {
            return false;
        }

        var host = email[(at + 1)..].Trim().TrimEnd('.').ToLowerInvariant();
        return host == domain || host.EndsWith("." + domain, StringComparison.Ordinal);
    }

}
