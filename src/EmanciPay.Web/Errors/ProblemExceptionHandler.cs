using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Ledger;
using EmanciPay.Web.Pages.Api;
using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace EmanciPay.Web.Errors;

/// <summary>
/// The one place exceptions become RFC 9457 problem+json: validation 400 (naming each field), sign-in required 401, not
/// allowed 403, not found 404, an Idempotency-Key still in use 409 or reused 422, ledger refusals 422, Stripe out of reach 502, a database that
/// is locked, full or out of reach 503 with Retry-After, anything else 500 with no detail. Browser page requests fall through to the HTML error page (with the status of
/// <see cref="PageStatusCode"/>), except refusals, which go to sign-in or the access-denied page.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problemDetails, IDatabaseErrors databaseErrors, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (databaseErrors.Unavailable(exception) is { } unavailable)
        {
            LogDatabaseUnavailable(logger, unavailable.Fault, httpContext.TraceIdentifier);
            httpContext.Response.Headers.RetryAfter = ((int)unavailable.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            exception = unavailable;
        }

        if (IsPageRequest(httpContext.Request))
        {
            return await RefusePageAsync(httpContext, exception);
        }

        var problem = exception switch
        {
            ValidationException validation => new HttpValidationProblemDetails(
                validation.Errors
                    .GroupBy(e => FieldName(e.PropertyName))
                    .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are invalid.",
            },
            BadHttpRequestException { InnerException: JsonException { Path: { Length: > 2 } path } } => new HttpValidationProblemDetails(
                new Dictionary<string, string[]> { [FieldName(path[2..])] = [$"'{path[2..]}' has a value of the wrong type or format."] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are invalid.",
            },
            BadHttpRequestException { InnerException: JsonException json } when MissingProperties(json) is { Count: > 0 } missing => new HttpValidationProblemDetails(
                missing.ToDictionary(FieldName, name => new[] { $"'{name}' is required." }))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are invalid.",
            },
            BadHttpRequestException { InnerException: null } binding when BoundParameter().Match(binding.Message) is { Success: true } parameter => new HttpValidationProblemDetails(
                new Dictionary<string, string[]> { [FieldName(parameter.Groups[1].Value)] = [$"'{parameter.Groups[1].Value}' is missing or has a value of the wrong type or format."] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are invalid.",
            },
            BadHttpRequestException badRequest => new ProblemDetails
            {
                Status = badRequest.StatusCode,
                Title = "The request could not be read.",
                Detail = badRequest.Message,
            },
            NotFoundException notFound => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = $"{notFound.Resource} not found.",
                Detail = notFound.Message,
            },
            SignInRequiredException => new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Sign in to do this.",
            },
            AccessDeniedException => new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "You are not allowed to do this.",
            },
            IdempotencyKeyReusedException reused => new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "Idempotency-Key reused for a different request.",
                Detail = reused.Message,
            },
            IdempotencyKeyInUseException inUse => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "A request with this Idempotency-Key is still in progress.",
                Detail = inUse.Message,
                Extensions = { ["code"] = "idempotency_key_in_use" },
            },
            DatabaseUnavailableException database => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service is unavailable for a moment: please try again shortly.",
                Detail = database.Message,
                Extensions = { ["code"] = "database_" + JsonNamingPolicy.SnakeCaseLower.ConvertName(database.Fault.ToString()) },
            },
            PaymentProviderUnavailableException => new ProblemDetails
            {
                Status = StatusCodes.Status502BadGateway,
                Title = "Stripe, our payment processor, could not be reached. Please try again in a moment.",
                Extensions = { ["code"] = "payment_provider_unavailable" },
            },
            LedgerException ledger => new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The ledger refused the operation.",
                Detail = ledger.Message,
                Extensions = { ["code"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(ledger.Code.ToString()) },
            },
            _ => null,
        };
        if (problem is null)
        {
            LogUnhandled(logger, exception.GetType().Name, httpContext.TraceIdentifier, exception);
            problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "Something went wrong on our side." };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    // A page the pipeline refuses sends the browser to sign in, or to the access-denied page, as an [Authorize] gate does.
    private static async ValueTask<bool> RefusePageAsync(HttpContext httpContext, Exception exception)
    {
        switch (exception)
        {
            case SignInRequiredException:
                await httpContext.ChallengeAsync();
                return true;
            case AccessDeniedException:
                await httpContext.ForbidAsync();
                return true;
            default:
                return false;
        }
    }

    /// <summary>The status a page request's exception re-executes the error page with: a 4xx where the request was at fault.</summary>
    public static int PageStatusCode(Exception exception, IDatabaseErrors databaseErrors) => exception switch
    {
        NotFoundException => StatusCodes.Status404NotFound,
        ValidationException => StatusCodes.Status400BadRequest,
        BadHttpRequestException badRequest => badRequest.StatusCode,
        PaymentProviderUnavailableException => StatusCodes.Status502BadGateway,
        _ when databaseErrors.Unavailable(exception) is not null => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>A browser asking for a page: anything but the API and webhooks, though the API's reference is pages too.</summary>
    public static bool IsPageRequest(HttpRequest request) =>
        (!request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments(ApiReferencePage.Root)) && !request.Path.StartsWithSegments("/webhooks") &&
        request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    // "Lines[0].Amount" becomes "lines[0].amount", matching the JSON the client sent; header names stay as they are.
    private static string FieldName(string propertyName) =>
        propertyName.Contains('-', StringComparison.Ordinal) ? propertyName : string.Join('.', propertyName.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));

    // System.Text.Json names a record's missing required properties in its message only: "... missing required properties including: 'email', 'password'."
    private static List<string> MissingProperties(JsonException json) =>
        json.Message.Split("missing required properties", 2) is [_, var names] ? [.. QuotedName().Matches(names).Select(m => m.Groups[1].Value)] : [];

    // A query string, route value or header the endpoint could not bind: 'Failed to bind parameter "int? page" from "x".', 'Required parameter "string userId" was not provided from query string.'
    [GeneratedRegex("""^(?:Failed to bind|Required) parameter "[^"]* (\w+)" """)]
    private static partial Regex BoundParameter();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedName();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable ({Fault}): answered 503 (trace {TraceId})")]
    private static partial void LogDatabaseUnavailable(ILogger logger, DatabaseFault fault, string traceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled {ExceptionType} (trace {TraceId})")]
    private static partial void LogUnhandled(ILogger logger, string exceptionType, string traceId, Exception exception);
}
