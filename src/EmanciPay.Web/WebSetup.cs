using System.Threading.RateLimiting;
using EmanciPay.Application.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.Infrastructure.Jobs;
using EmanciPay.Infrastructure.Payments;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.Web.Api;
using EmanciPay.Web.Errors;
using EmanciPay.Web.Startup;
using EmanciPay.Web.Security;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Scalar.AspNetCore;

namespace EmanciPay.Web;

public static class WebSetup
{
    public const string FinanceOrAdmin = nameof(FinanceOrAdmin);
    public const string SignInRateLimit = "sign-in";
    public const string CookieOrBearer = "Identity.CookieOrBearer";

    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStripeEmulation(configuration);
        services.AddRazorPages(options => options.Conventions.ConfigureFilter(new InvalidCheckboxFilter()));
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "EmanciPay API";
            document.Info.Description = "Pledge to any station, claimed or not. Amounts are integer minor units (cents); currencies are lower-case ISO 4217 codes, as at Stripe. Errors are RFC 9457 problem+json.";
            return Task.CompletedTask;
        }));
        services.AddProblemDetails();
        services.AddAntiforgery(options => options.HeaderName = CookieAntiforgery.HeaderName);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        });

        services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedEmail = true;
                // Length over composition rules (NIST SP 800-63B): a long passphrase beats "Passw0rd!".
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddUserValidator<AccountFieldsValidator>()
            .AddApiEndpoints();
        services.AddTransient<IEmailSender<AppUser>, IdentityMailer>();
        services.AddHttpContextAccessor();
        services.AddCurrentUser<HttpCurrentUser>();

        // Pages use the site cookie; station systems and scripts send an Identity bearer token (from
        // /api/v1/identity/login) instead. A request is authenticated by whichever it carries.
        services.AddAuthentication(options =>
            {
                options.DefaultAuthenticateScheme = CookieOrBearer;
                options.DefaultChallengeScheme = CookieOrBearer;
                options.DefaultForbidScheme = CookieOrBearer;
            })
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddPolicyScheme(CookieOrBearer, "Site cookie or bearer token", options => options.ForwardDefaultSelector = context =>
                CarriesBearerToken(context.Request) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme);
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;

            // The API answers 401/403 instead of sending programs to the sign-in page.
            options.Events.OnRedirectToLogin = context => ApiStatusOrRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiStatusOrRedirect(context, StatusCodes.Status403Forbidden);
        });
        // Money-handling staff must have signed in with a second factor (Identity marks that sign-in with amr=mfa).
        services.AddAuthorizationBuilder().AddPolicy(FinanceOrAdmin, policy => policy.RequireRole(Roles.Finance, Roles.Admin).RequireClaim("amr", "mfa"));

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = configuration.GetValue("RateLimits:SignInsPerMinute", 10), Window = TimeSpan.FromMinutes(1) }));
            options.AddPolicy(PledgesApi.PledgeRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = configuration.GetValue("RateLimits:PledgesPerMinute", 30), Window = TimeSpan.FromMinutes(1) }));
        });
        return services;
    }

    // Accounts made through the API are listeners, like those made on the sign-up page.
    private static async ValueTask<object?> ListenerRoleOnRegistration(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (context.Arguments.OfType<RegisterRequest>().SingleOrDefault() is { } registration && result is Results<Ok, ValidationProblem> { Result: Ok })
        {
            var users = context.HttpContext.RequestServices.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByEmailAsync(registration.Email) is { } user)
            {
                await users.AddToRoleAsync(user, Roles.Listener);
            }
        }

        return result;
    }

    /// <summary>A request with a bearer token is authenticated by the token alone; the site cookie, if any, is ignored.</summary>
    public static bool CarriesBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static Task ApiStatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseErrorPages();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapOpenApi();
        app.MapScalarApiReference("/api/reference", options => options.WithTitle("EmanciPay API"));
        app.MapStationsApi();
        app.MapPledgesApi();
        app.MapAntiforgeryToken();
        app.MapGroup("/api/v1/identity").WithTags("Identity").MapIdentityApi<AppUser>()
            .RequireRateLimiting(SignInRateLimit)
            .AddEndpointFilter(ListenerRoleOnRegistration);
        app.MapStripeWebhook();
        app.MapStripeEmulation();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });

        // The dashboard's own filter is replaced by the endpoint's policy: finance and admin only.
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], AppPath = "/" })
            .RequireAuthorization(FinanceOrAdmin);
        return app;
    }
}
