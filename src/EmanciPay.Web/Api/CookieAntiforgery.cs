using Microsoft.AspNetCore.Antiforgery;

namespace EmanciPay.Web.Api;

/// <summary>
/// The API accepts the site's sign-in cookie, and a cookie is sent by the browser whoever asks: so an unsafe request
/// made with it must also carry the antiforgery token (header X-CSRF-TOKEN, from GET /api/v1/antiforgery).
/// Requests without the cookie (guests) or with a bearer token, which a browser never adds by itself, are not affected.
/// </summary>
public static class CookieAntiforgery
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public static TBuilder RequireAntiforgeryForCookies<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.User.Identity is { IsAuthenticated: true } && !WebSetup.CarriesBearerToken(http.Request))
            {
                try
                {
                    await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
                }
                catch (AntiforgeryValidationException)
                {
                    return Results.Problem(
                        statusCode: StatusCodes.Status400BadRequest,
                        title: "Missing or invalid antiforgery token.",
                        detail: $"A request signed in with the site cookie must send the token from GET /api/v1/antiforgery in the {HeaderName} header.");
                }
            }

            return await next(context);
        });

    public static IEndpointRouteBuilder MapAntiforgeryToken(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/antiforgery", (HttpContext http, IAntiforgery antiforgery) => new { token = antiforgery.GetAndStoreTokens(http).RequestToken, header = HeaderName })
            .WithTags("Security")
            .WithSummary("An antiforgery token, for unsafe API requests made with the site's sign-in cookie.");
        return endpoints;
    }
}
