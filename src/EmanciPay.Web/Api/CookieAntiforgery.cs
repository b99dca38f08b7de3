using Microsoft.AspNetCore.Antiforgery;

namespace EmanciPay.Web.Api;

/// <summary>
/// The API accepts the site's sign-in cookie, and a cookie is sent by the browser whoever asks: so every unsafe request
/// to /api made with it must also carry the antiforgery token (header X-CSRF-TOKEN, from GET /api/v1/antiforgery).
/// That covers every endpoint under /api, Identity's own /api/v1/identity/manage/* included, without any endpoint
/// having to ask for it. Requests without the cookie (guests) or with a bearer token, which a browser never adds by
/// itself, are not affected. Razor Pages check their forms' tokens themselves; the Hangfire dashboard does too.
/// </summary>
public static class CookieAntiforgery
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public sealed record AntiforgeryToken(string Token, string Header);

    /// <summary>After authentication, which tells whether the request came with the cookie.</summary>
    public static IApplicationBuilder UseCookieAntiforgery(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (NeedsToken(http.Request) && http.User.Identity is { IsAuthenticated: true } && !WebSetup.CarriesBearerToken(http.Request))
        {
            try
            {
                await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                await Results.Problem(
                        statusCode: StatusCodes.Status400BadRequest,
                        title: "Missing or invalid antiforgery token.",
                        detail: $"A request signed in with the site cookie must send the token from GET /api/v1/antiforgery in the {HeaderName} header.")
                    .ExecuteAsync(http);
                return;
            }
        }

        await next(http);
    });

    public static IEndpointRouteBuilder MapAntiforgeryToken(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/antiforgery", (HttpContext http, IAntiforgery antiforgery) => new AntiforgeryToken(antiforgery.GetAndStoreTokens(http).RequestToken!, HeaderName))
            .WithTags("Security")
            .WithName("GetAntiforgeryToken")
            .WithSummary("An antiforgery token, for unsafe API requests made with the site's sign-in cookie.")
            .WithDescription($"Send the token in the {HeaderName} header of every POST, PUT and DELETE under /api made with the sign-in cookie. Requests with a bearer token, or with no credentials, need none.");
        return endpoints;
    }

    private static bool NeedsToken(HttpRequest request) =>
        request.Path.StartsWithSegments("/api")
        && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method));
}
