using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.ResponseCompression;

namespace EmanciPay.Web.Startup;

/// <summary>
/// Brotli or gzip for pages, styles, scripts, JSON and problem+json. Over HTTPS a compressed response that carries a
/// secret next to text an attacker can choose (a search box echoed back) leaks the secret through its length (BREACH),
/// so there a response is sent uncompressed when an antiforgery token was issued while making it (every page with a
/// POST form, and GET /api/v1/antiforgery) or when it is one of Identity's (tokens, authenticator keys). Over plain
/// HTTP there is nothing for BREACH to reveal that the traffic does not show anyway.
/// </summary>
public static class Compression
{
    public static IServiceCollection AddCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "application/problem+json", "image/svg+xml"];
        });
        services.AddSingleton<ResponseCompressionProvider>();
        services.AddSingleton<IResponseCompressionProvider, NoSecretsCompressed>();

        // Every token the app issues goes through IAntiforgery (the form tag helper, our endpoint): the decorator marks the response.
        var issuer = services.Last(s => s.ServiceType == typeof(IAntiforgery));
        services.Remove(issuer);
        services.Add(ServiceDescriptor.Describe(issuer.ServiceType, provider => new MarkingAntiforgery(
            (IAntiforgery)(issuer.ImplementationFactory?.Invoke(provider) ?? issuer.ImplementationInstance ?? ActivatorUtilities.CreateInstance(provider, issuer.ImplementationType!))),
            issuer.Lifetime));
        return services;
    }

    private sealed class NoSecretsCompressed(ResponseCompressionProvider compression) : IResponseCompressionProvider
    {
        public ICompressionProvider? GetCompressionProvider(HttpContext context) => compression.GetCompressionProvider(context);

        public bool CheckRequestAcceptsCompression(HttpContext context) => compression.CheckRequestAcceptsCompression(context);

        public bool ShouldCompressResponse(HttpContext context) =>
            compression.ShouldCompressResponse(context)
            && !(context.Request.IsHttps && (context.Features.Get<AntiforgeryTokenIssued>() is not null || context.Request.Path.StartsWithSegments("/api/v1/identity")));
    }

    private sealed class AntiforgeryTokenIssued;

    private sealed class MarkingAntiforgery(IAntiforgery inner) : IAntiforgery
    {
        public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) => Mark(httpContext, inner.GetAndStoreTokens(httpContext));

        public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => Mark(httpContext, inner.GetTokens(httpContext));

        public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

        public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

        public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);

        private static AntiforgeryTokenSet Mark(HttpContext httpContext, AntiforgeryTokenSet tokens)
        {
            httpContext.Features.Set(new AntiforgeryTokenIssued());
            return tokens;
        }
    }
}
