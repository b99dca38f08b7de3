namespace EmanciPay.Web.Security;

/// <summary>
/// Headers every response carries, errors and static files included. The site's policy allows scripts, styles, fonts
/// and connections from this origin only (no inline script: scripts live in wwwroot/js), images also as data: URIs
/// (the authenticator QR code), forms that post here or go on to Stripe Checkout, and no framing by anyone (but the
/// pledge button under /embed, which any site may frame). Pages that
/// are not ours get their own, looser policy, for inline code we do not write: the Hangfire dashboard (inline style
/// attributes) and the Stripe emulator's checkout page (an inline style sheet, test mode only). None of them loads
/// anything from another site.
/// </summary>
public static class SecurityHeaders
{
    public const string SitePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self' https://checkout.stripe.com; frame-ancestors 'none'";

    public const string DashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The emulator's checkout page (test mode only) has an inline style sheet and no script.</summary>
    public const string EmulatorPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Where the pledge button lives: the only pages other sites may frame.</summary>
    public const string EmbedPath = "/embed";

    /// <summary>
    /// The pledge button (an SVG and a tiny page with no script) is made to be framed by any site, a station's or a
    /// fan's: there, and only there, frame-ancestors allows everyone and X-Frame-Options is not sent.
    /// </summary>
    public const string EmbedPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors *";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, string dashboardPath, string emulatorPath) => app.Use((context, next) =>
    {
        var path = context.Request.Path;
        var policy = path.StartsWithSegments(dashboardPath) ? DashboardPolicy
            : path.StartsWithSegments(emulatorPath) ? EmulatorPolicy
            : path.StartsWithSegments(EmbedPath) ? EmbedPolicy
            : SitePolicy;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            if (!ReferenceEquals(policy, EmbedPolicy))
            {
                headers.XFrameOptions = "DENY";
            }

            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
