using System.Threading.RateLimiting;
using EmanciPay.Application.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.Infrastructure.Jobs;
using EmanciPay.Infrastructure.Payments;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.Web.Api;
using EmanciPay.Web.Embed;
using EmanciPay.Web.Errors;
using EmanciPay.Web.Startup;
using EmanciPay.Web.Security;
using EmanciPay.Web.Sharing;
using Hangfire;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace EmanciPay.Web;

public static partial class WebSetup
{
    public const string FinanceOrAdmin = nameof(FinanceOrAdmin);
    public const string Finance = nameof(Finance);
    public const string Admin = nameof(Admin);
    public const string StationManager = nameof(StationManager);
    public const string SignInRateLimit = "sign-in";

    /// <summary>The pages whose forms open Stripe pages: a pledge's checkout, its resumption, a card update.</summary>
    private static readonly string[] StripePages = ["/Stations/Details", "/Listener/Basket", "/Listener/Giving"];
    public const string CookieOrBearer = "Identity.CookieOrBearer";
    public const string DashboardPath = "/hangfire";

    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStripeEmulation(configuration);
        // An attribute on a page handler method is ignored by the rate limiter: the limit goes on the page, and counts its POSTs.
        services.AddRazorPages(options =>
            {
                foreach (var path in StripePages)
                {
                    options.Conventions.AddPageApplicationModelConvention(path, page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(PledgesApi.PledgeRateLimit)));
                }

                options.Conventions.ConfigureFilter(new InvalidCheckboxFilter());
            })
            // Forms are checked on the server only. Client validation would also render an empty <li style="display:none">
            // in every validation summary: an inline style, which the CSP refuses.
            .AddViewOptions(options => options.HtmlHelperOptions.ClientValidationEnabled = false);
        services.AddApiDocument();
        services.AddProblemDetails();
        services.AddAntiforgery(options => options.HeaderName = CookieAntiforgery.HeaderName);
        services.AddCompression();
        services.AddOptions<AntiforgeryOptions>().Configure<IWebHostEnvironment>((options, environment) => options.Cookie.SecurePolicy = SecureCookies(environment));
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            // A number is a JSON number, as the OpenAPI document says: "1000" in quotes is a 400 naming the field.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
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
                // No account is ever locked by failed sign-ins (anyone could lock anyone's): SignInThrottle slows guessing instead.
                options.Lockout.AllowedForNewUsers = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserManager<AppUserManager>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddDefaultTokenProviders()
            .AddUserValidator<AccountFieldsValidator>()
            .AddApiEndpoints()
            // After AddApiEndpoints, which registers Identity's own sign-in manager again.
            .AddSignInManager<NoEnumerationSignInManager>();
        services.AddTransient<IdentityMailer>();
        services.AddTransient<IEmailSender<AppUser>, BaseUrlEmailSender>();
        services.AddScoped<AccountMail>();
        services.AddSingleton<SignInThrottle>();
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
        foreach (var scheme in new[] { IdentityConstants.ApplicationScheme, IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme })
        {
            services.AddOptions<CookieAuthenticationOptions>(scheme).Configure<IWebHostEnvironment>((options, environment) => options.Cookie.SecurePolicy = SecureCookies(environment));
        }

        // Money-handling staff must have signed in with a second factor (Identity marks that sign-in with amr=mfa).
        // Staff need a second factor, as the dashboard does; which station a manager may see is the handlers' rule (IStationMessage).
        services.AddAuthorizationBuilder()
            .AddPolicy(FinanceOrAdmin, policy => policy.RequireRole(Roles.Finance, Roles.Admin).RequireClaim("amr", "mfa"))
            .AddPolicy(Finance, policy => policy.RequireRole(Roles.Finance).RequireClaim("amr", "mfa"))
            .AddPolicy(Admin, policy => policy.RequireRole(Roles.Admin).RequireClaim("amr", "mfa"))
            .AddPolicy(StationManager, policy => policy.RequireRole(Roles.StationManager));

        services.AddOutputCache(options => options.AddPolicy(EmbedEndpoints.CachePolicy, policy => policy.Expire(EmbedEndpoints.CacheFor)));
        services.AddKnownProxies(configuration);
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(SignInRateLimit, context => PerClientPosts(context, configuration.GetValue("RateLimits:SignInsPerMinute", 10)));
            options.AddPolicy(PledgesApi.PledgeRateLimit, context => PerClientPosts(context, configuration.GetValue("RateLimits:PledgesPerMinute", 30)));
            // Checking proofs of giving is public: every request counts, so nobody can try tokens by the million.
            options.AddPolicy(ProofsApi.CheckRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Key(context), _ =>
                new FixedWindowRateLimiterOptions { PermitLimit = configuration.GetValue("RateLimits:ProofChecksPerMinute", 60), Window = TimeSpan.FromMinutes(1) }));
            options.OnRejected = async (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var title = SignInThrottle.Refuse(rejected.HttpContext, retryAfter);
                // A person's form post gets the site's "Too many requests" page (re-executed for the bare status); a program, problem+json.
                if (!ProblemExceptionHandler.IsPageRequest(rejected.HttpContext.Request))
                {
                    await Results.Problem(title: title, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(rejected.HttpContext);
                }
            };
        });
        return services;
    }

    /// <summary>Counts a client's form posts and API calls; reading a page is never limited.</summary>
    private static RateLimitPartition<string> PerClientPosts(HttpContext context, int perMinute) =>
        HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method)
            ? RateLimitPartition.GetNoLimiter("reads")
            : RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Key(context), _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) });

    /// <summary>Cookies go over HTTPS only, except in Development, which runs on plain http://localhost.</summary>
    private static CookieSecurePolicy SecureCookies(IWebHostEnvironment environment) =>
        environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    /// <summary>Bearer tokens are the API's: elsewhere an Authorization header (the Stripe key sent to the emulator) is
    /// not ours to read, and trying to unprotect one cost an exception per Stripe call.</summary>
    public static bool CarriesBearerToken(HttpRequest request) =>
        request.Path.StartsWithSegments("/api")
        && request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

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
        // First, so that the client address and scheme are known to everything after (rate limits, HTTPS redirection).
        if (ClientAddress.HasKnownProxies(app.Configuration))
        {
            app.UseForwardedHeaders();
        }

        app.UseResponseCompression();
        app.UseSecurityHeaders(DashboardPath, StripeEmulation.Path);
        app.UseErrorPages();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
            if (app.Configuration["AllowedHosts"] is null or "*")
            {
                AnyHostAllowed(app.Logger);
            }
        }

        app.UseRouting();
        app.UseAuthentication();
        app.UseCookieAntiforgery();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseOutputCache();

        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapOpenApi(OpenApiDocumentSetup.DocumentPath);
        app.MapStationsApi();
        app.MapPledgesApi();
        app.MapListeningApi();
        app.MapBasketApi();
        app.MapRecordApi();
        app.MapConnectApi();
        app.MapPortalApi();
        app.MapClaimsApi();
        app.MapTermsApi();
        app.MapPayoutsApi();
        app.MapFinanceApi();
        app.MapFinanceIntegrityApi();
        app.MapFinancePaymentsApi();
        app.MapReconciliationsApi();
        app.MapProofsApi();
        app.MapEmbedEndpoints();
        app.MapGiverFeed();
        app.MapAntiforgeryToken();
        app.MapGroup("/api/v1/identity").WithTags("Identity").MapIdentityApi<AppUser>()
            .RequireRateLimiting(SignInRateLimit)
            .WithAccountProtections();
        app.MapStripeWebhook();
        app.MapStripeEmulation();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });

        // The dashboard's own filter is replaced by the endpoint's policy: finance and admin only.
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions { Authorization = [], AppPath = "/" })
            .RequireAuthorization(FinanceOrAdmin);
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "AllowedHosts is '*': set it to the host of App:BaseUrl, so that requests for any other host are refused")]
    private static partial void AnyHostAllowed(ILogger logger);
}
