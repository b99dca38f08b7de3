using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace EmanciPay.Web.Api;

/// <summary>/openapi/v1.json: the API as it really answers, checked against real responses by OpenApiDocumentTests and linted by tests/lint-openapi.sh.</summary>
public static class OpenApiDocumentSetup
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddApiDocument(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, options =>
        {
            options.CreateSchemaReferenceId = SchemaName;
            options.AddOperationTransformer<OpenApiOperations>();
            options.AddDocumentTransformer((document, context, _) =>
            {
                var services = context.ApplicationServices;
                var cookie = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).Cookie.Name!;
                Describe(document, services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions, cookie);
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>
    /// A use case's records are nested in it (CreatePledge.Result, GetStation.Result): their names alone collide, so
    /// they are named with their use case (CreatePledgeResult). Other types keep their own names, null for inline ones.
    /// </summary>
    public static string? SchemaName(JsonTypeInfo type) =>
        type.Type is { IsNested: true, DeclaringType: { } useCase } nested && nested.Namespace?.StartsWith("EmanciPay.Application.Features", StringComparison.Ordinal) == true
            ? useCase.Name + nested.Name
            : OpenApiOptions.CreateDefaultSchemaReferenceId(type);

    private static void Describe(OpenApiDocument document, JsonSerializerOptions json, string cookieName)
    {
        document.Info = new OpenApiInfo
        {
            Title = "EmanciPay API",
            Version = DocumentName,
            Description = "Pledge to any station, claimed or not, and read your own giving. Amounts are integer minor units (cents); " +
                          "currencies are lower-case ISO 4217 codes, as at Stripe. Errors are RFC 9457 problem+json. The reference is at /api/reference/v1.",
            Contact = new OpenApiContact { Name = "EmanciPay", Url = document.Servers?.FirstOrDefault() is { Url: { } site } ? new Uri(site.TrimEnd('/') + "/") : null },
        };

        // The servers are the request's own address; a trailing slash would double the one every path starts with.
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = "Stations", Description = "The directory of stations, claimed or not, and what waits in their escrow." },
            new() { Name = "Pledges", Description = "Pledging to a station, and a listener's own giving." },
            new() { Name = "Basket", Description = "The listener's monthly basket: one charge for all their stations, split to the cent, per-use pledges and gifts added to it." },
            new() { Name = "Proofs", Description = "Proofs that a supporter of a station gave in a year, checked by anyone without learning who gave." },
            new() { Name = "Listening", Description = "The listener's own listening log, which per-use pledges are charged from and no station sees." },
            new() { Name = "Terms", Description = "The listener's own terms and details, held once for every station, and stations' signed agreements to honour them." },
            new() { Name = "Record", Description = "The listener's own record: everything their account holds, to download, and deleting the account." },
            new() { Name = "Claims", Description = "A station's staff claiming it, and the admins who decide." },
            new() { Name = "Payouts", Description = "A station's payouts from its escrow, and finance approving the large ones." },
            new() { Name = "Finance", Description = "The books, for finance staff: trial balance, escrow statements, CSV exports, and proof that the ledger is intact." },
            new() { Name = "Refunds", Description = "Finance giving a payment back to its listener, in full or in part." },
            new() { Name = "Reconciliation", Description = "Finance comparing Stripe's balance transactions with the ledger, and settling what differs." },
            new() { Name = "Security", Description = "What a browser signed in with the site's cookie needs for unsafe calls." },
            new() { Name = "Identity", Description = "Accounts: sign-up, sign-in for bearer tokens or the cookie, confirmation, password reset, two-factor." },
        };

        document.AddComponent<IOpenApiSecurityScheme>(OpenApiOperations.Bearer, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An access token from POST /api/v1/identity/login (renewed at /api/v1/identity/refresh), sent as Authorization: Bearer <token>. For station systems and scripts; no antiforgery token is needed.",
        });
        document.AddComponent<IOpenApiSecurityScheme>(OpenApiOperations.Cookie, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = cookieName,
            Description = "The site's sign-in cookie, as a browser sends it. Every unsafe call under /api made with it must also carry the antiforgery token.",
        });
        document.AddComponent<IOpenApiSecurityScheme>(OpenApiOperations.Antiforgery, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = CookieAntiforgery.HeaderName,
            Description = "The token from GET /api/v1/antiforgery, required with the sign-in cookie on POST, PUT and DELETE.",
        });

        OpenApiFields.Describe(document, type => SchemaName(json.GetTypeInfo(type)), json);
    }
}
