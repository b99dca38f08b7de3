using System.Globalization;
using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace EmanciPay.Web.Api;

/// <summary>
/// What every operation says that its endpoint's own metadata does not: Identity's operations get ids, summaries and
/// descriptions; each operation lists who may call it (no one in particular, a bearer token, or the sign-in cookie with
/// the antiforgery token on unsafe calls) and each 4xx the pipeline can answer it with, as problem+json, read from the
/// endpoint: its parameters and body (400, 404, 415), its authorization (401) and its rate limit (429).
/// </summary>
internal sealed class OpenApiOperations : IOpenApiOperationTransformer
{
    public const string Bearer = "bearer";
    public const string Cookie = "cookie";
    public const string Antiforgery = "antiforgery";

    private static readonly Dictionary<string, (string Id, string Summary, string Description)> Identity = new()
    {
        ["POST api/v1/identity/register"] = ("Register", "Create a listener account.",
            "Mails a confirmation link. The answer is 200 whether or not the address already has an account (its owner gets a mail instead), so it tells no one who is registered."),
        ["POST api/v1/identity/login"] = ("Login", "Sign in, for bearer tokens or the site's cookie.",
            "Returns an access and a refresh token, or with useCookies sets the site's sign-in cookie. An unknown address, a wrong password and an unconfirmed account get the same 401; repeated failures are throttled with 429 and Retry-After."),
        ["POST api/v1/identity/refresh"] = ("RefreshTokens", "Exchange a refresh token for new tokens.",
            "The refresh token from sign-in or the last refresh; 401 when it is invalid or expired, or the account changed since."),
        ["GET api/v1/identity/confirmEmail"] = ("ConfirmEmail", "Confirm an address with the link from the mail.",
            "The link in the confirmation mail calls this. A wrong or used code is 401."),
        ["POST api/v1/identity/resendConfirmationEmail"] = ("ResendConfirmationEmail", "Send the confirmation link again.",
            "Always 200, whether or not the address has an account."),
        ["POST api/v1/identity/forgotPassword"] = ("ForgotPassword", "Mail a password reset code.",
            "Always 200, whether or not the address has an account; a confirmed account gets a mail with a reset code."),
        ["POST api/v1/identity/resetPassword"] = ("ResetPassword", "Set a new password with the reset code from the mail.",
            "A wrong code or a password the policy refuses is 400, naming the field."),
        ["POST api/v1/identity/manage/2fa"] = ("ManageTwoFactor", "Read or change the account's two-factor authentication.",
            "An empty body reads the state; enable with the authenticator's current code, reset the key or the recovery codes, or forget this browser."),
        ["GET api/v1/identity/manage/info"] = ("GetAccountInfo", "The signed-in account's address and whether it is confirmed.",
            "For the account of the cookie or bearer token sent."),
        ["POST api/v1/identity/manage/info"] = ("UpdateAccountInfo", "Change the signed-in account's address or password.",
            "A new address applies once confirmed through the link mailed to it; a new password needs the old one."),
    };

    /// <summary>Why the API answers each 4xx, as every operation that can answer it says.</summary>
    private static readonly Dictionary<int, string> Reasons = new()
    {
        [400] = "The request is invalid: a field is missing or wrong (errors names each one), the body is not the JSON expected, or a request signed in with the cookie lacks its antiforgery token.",
        [401] = "Not signed in, or the credentials or token are not valid.",
        [403] = "Signed in, but not allowed to do this.",
        [404] = "Not found.",
        [409] = "A request with the same Idempotency-Key is still in progress (code idempotency_key_in_use): retry later.",
        [415] = "The body is not sent as application/json.",
        [422] = "The Idempotency-Key was used before with a different body.",
        [429] = "Too many requests from this client or for this account: wait as long as Retry-After says.",
    };

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var api = context.Description;
        var metadata = api.ActionDescriptor.EndpointMetadata;
        var isUnsafe = api.HttpMethod is not ("GET" or "HEAD" or "OPTIONS");
        var statuses = new SortedSet<int>((operation.Responses ?? []).Keys.Select(int.Parse).Where(s => s is >= 400 and < 500));
        if (Identity.TryGetValue($"{api.HttpMethod} {api.RelativePath}", out var identity))
        {
            (operation.OperationId, operation.Summary, operation.Description) = identity;
            // Identity's handlers answer these without declaring them: a wrong password, refresh token or confirmation code.
            if (identity.Id is "Login" or "RefreshTokens" or "ConfirmEmail")
            {
                statuses.Add(StatusCodes.Status401Unauthorized);
            }
        }

        var signIn = SignInOf(metadata);
        operation.Security = SecurityFor(signIn, isUnsafe, context.Document!);

        var sources = api.ParameterDescriptions.Select(p => p.Source).ToList();
        if (isUnsafe || sources.Any(s => s == BindingSource.Body || s == BindingSource.Query || s == BindingSource.Header || s == BindingSource.Path))
        {
            statuses.Add(StatusCodes.Status400BadRequest);
        }

        if (signIn == SignIn.Required)
        {
            statuses.Add(StatusCodes.Status401Unauthorized);
        }

        if (sources.Contains(BindingSource.Path))
        {
            statuses.Add(StatusCodes.Status404NotFound);
        }

        if (sources.Contains(BindingSource.Body))
        {
            statuses.Add(StatusCodes.Status415UnsupportedMediaType);
        }

        if (isUnsafe && metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            statuses.Add(StatusCodes.Status429TooManyRequests);
        }

        var responses = new SortedDictionary<string, IOpenApiResponse>(operation.Responses ?? [], StringComparer.Ordinal);
        foreach (var status in statuses)
        {
            responses[status.ToString(CultureInfo.InvariantCulture)] = await ProblemAsync(status, context, cancellationToken);
        }

        operation.Responses = [];
        foreach (var (status, response) in responses)
        {
            operation.Responses[status] = response;
        }

        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (OpenApiFields.Parameters.TryGetValue(parameter.Name!, out var words))
            {
                (parameter.Description, parameter.Example) = (words.Description, System.Text.Json.JsonSerializer.SerializeToNode(words.Example));
            }

            // Every command that reads this header refuses a request without it (IIdempotentCommand's validator).
            if (parameter is { Name: "Idempotency-Key", In: ParameterLocation.Header })
            {
                parameter.Required = true;
                if (parameter.Schema is OpenApiSchema schema)
                {
                    (schema.Type, schema.MinLength, schema.MaxLength) = (JsonSchemaType.String, 1, 200);
                }
            }
        }
    }

    private enum SignIn
    {
        None,
        Optional,
        Required,
    }

    /// <summary>Required where the endpoint demands authorization; optional where its handler reads who is signed in (a guest may pledge, a listener's pledge is theirs).</summary>
    private static SignIn SignInOf(IList<object> metadata) =>
        metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any() ? SignIn.Required
        : metadata.OfType<MethodInfo>().Any(handler => handler.GetParameters().Any(p => p.ParameterType == typeof(ClaimsPrincipal))) ? SignIn.Optional
        : SignIn.None;

    /// <summary>An empty requirement means no credentials; the cookie alone on an unsafe call is refused (CookieAntiforgery).</summary>
    private static List<OpenApiSecurityRequirement> SecurityFor(SignIn signIn, bool isUnsafe, OpenApiDocument document)
    {
        var bearer = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] };
        var cookie = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Cookie, document)] = [] };
        if (isUnsafe)
        {
            cookie[new OpenApiSecuritySchemeReference(Antiforgery, document)] = [];
        }

        return signIn switch
        {
            SignIn.Required => [bearer, cookie],
            SignIn.Optional => [new OpenApiSecurityRequirement(), bearer, cookie],
            _ => [new OpenApiSecurityRequirement()],
        };
    }

    private static async Task<OpenApiResponse> ProblemAsync(int status, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var type = status == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
        var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
        context.Document!.AddComponent(type.Name, schema);
        return new OpenApiResponse
        {
            Description = Reasons.GetValueOrDefault(status, ReasonPhrases.GetReasonPhrase(status)),
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(type.Name, context.Document) },
            },
        };
    }
}
