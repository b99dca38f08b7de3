using EmanciPay.Application.Features.Embed;
using Mediator;
using Microsoft.Net.Http.Headers;

namespace EmanciPay.Web.Embed;

/// <summary>
/// The pledge button as an image, for any site to show: /embed/{slug}/button.svg. It is cheap to serve: kept in the
/// output cache for a minute per station (so a busy page costs one read a minute), sent with Cache-Control and an ETag,
/// and answered 304 when the browser already has it.
/// </summary>
public static class EmbedEndpoints
{
    public const string CachePolicy = "embed";

    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);

    public static IEndpointRouteBuilder MapEmbedEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/embed/{slug}/button.svg", async (string slug, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var svg = PledgeButton.Draw(await sender.Send(new GetPledgeButton.Query(slug), ct));
                var etag = PledgeButton.ETagOf(svg);
                Cache(http.Response, etag);
                return http.Request.Headers.IfNoneMatch.Contains(etag)
                    ? Results.StatusCode(StatusCodes.Status304NotModified)
                    : Results.Text(svg, "image/svg+xml; charset=utf-8");
            })
            .CacheOutput(CachePolicy)
            .ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Browsers and proxies may keep the button as long as the server's cache does.</summary>
    public static void Cache(HttpResponse response, string? etag)
    {
        response.Headers.CacheControl = $"public, max-age={(int)CacheFor.TotalSeconds}";
        if (etag is not null)
        {
            response.Headers[HeaderNames.ETag] = etag;
        }
    }
}
