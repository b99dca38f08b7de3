using System.Reflection;
using System.Text.Json;
using EmanciPay.Application.Common;
using EmanciPay.Infrastructure.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.AspNetCore.Mvc;

namespace EmanciPay.Web.Security;

/// <summary>What /api/v1/identity (MapIdentityApi) does differently here: it hides who is registered and throttles guessing.</summary>
public static class IdentityApiFilters
{
    public static TBuilder WithAccountProtections<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(QueryFlags).AddEndpointFilter(FieldNames).AddEndpointFilter(RequiredFields).AddEndpointFilter(Registration).AddEndpointFilter(ThrottledLogin);

    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>Identity's error codes, and the fields of its requests each is about, the first the request has.</summary>
    private static readonly (Func<string, bool> Code, string[] Fields)[] FieldsOfCodes =
    [
        (code => code is "PasswordMismatch" or "OldPasswordRequired", ["OldPassword"]),
        (code => code.StartsWith("Password", StringComparison.Ordinal), ["NewPassword", "Password"]),
        (code => code.Contains("Email", StringComparison.Ordinal) || code.Contains("UserName", StringComparison.Ordinal), ["NewEmail", "Email"]),
        (code => code is "InvalidToken", ["ResetCode"]),
        (code => code is "RequiresTwoFactor" or "InvalidTwoFactorCode", ["TwoFactorCode"]),
        (code => code is "CannotResetSharedKeyAndEnable", ["ResetSharedKey", "Enable"]),
    ];

    /// <summary>
    /// Identity's validation problems are keyed by its error codes ("InvalidToken", "PasswordTooShort"); a program needs
    /// the request's field, as every other 400 of the API names it. Codes about no field of the request stay as they are.
    /// </summary>
    private static async ValueTask<object?> FieldNames(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (Unwrap(result) is not ValidationProblem problem
            || context.Arguments.FirstOrDefault(a => a?.GetType().Namespace == typeof(LoginRequest).Namespace) is not { } request)
        {
            return result;
        }

        // Another request changed the account meanwhile: not the request's fault, and the same request may succeed again.
        if (problem.ProblemDetails.Errors.Keys.All(code => code is "ConcurrencyFailure"))
        {
            return TypedResults.Problem(title: "The account was changed by another request at the same time: try again.", statusCode: StatusCodes.Status409Conflict);
        }

        var fields = request.GetType().GetProperties().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var errors = problem.ProblemDetails.Errors
            .GroupBy(error => FieldsOfCodes.Where(f => f.Code(error.Key)).SelectMany(f => f.Fields).FirstOrDefault(fields.Contains) is { } field
                ? JsonNamingPolicy.CamelCase.ConvertName(field)
                : error.Key)
            .ToDictionary(g => g.Key, g => g.SelectMany(error => error.Value).Distinct().ToArray());
        return TypedResults.ValidationProblem(errors, problem.ProblemDetails.Detail, title: "One or more fields are invalid.");
    }

    /// <summary>
    /// Identity's request records mark their fields required, but JSON's explicit null still binds, and Identity then
    /// fails deep inside with a 500. A null where the record's type says never, a control character in an address, or
    /// an address the mailer cannot send to (Identity would mail it: a change of address, a registration) is a 400
    /// naming the field, for every Identity operation at once (passwords keep their own validator's answer). Sign-in
    /// takes whatever was typed: it only looks the account up.
    /// </summary>
    private static ValueTask<object?> RequiredFields(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var addresses = context.HttpContext.RequestServices.GetRequiredService<IMailAddresses>();
        var errors = new Dictionary<string, string[]>();
        foreach (var request in context.Arguments.Where(a => a?.GetType().Namespace == typeof(LoginRequest).Namespace))
        {
            foreach (var field in request!.GetType().GetProperties().Where(p => p.PropertyType == typeof(string)))
            {
                var value = (string?)field.GetValue(request);
                var name = JsonNamingPolicy.CamelCase.ConvertName(field.Name);
                var isAddress = field.Name.Contains("Email", StringComparison.Ordinal);
                if (value is null && Nullability.Create(field).ReadState == NullabilityState.NotNull)
                {
                    errors[name] = [$"'{name}' is required."];
                }
                else if (isAddress && value is not null && value.Any(char.IsControl))
                {
                    errors[name] = [$"'{name}' may not contain control characters."];
                }
                else if (isAddress && request is not LoginRequest && !string.IsNullOrEmpty(value) && !addresses.CanSendTo(value))
                {
                    errors[name] = [$"'{name}' is not an email address we can send mail to."];
                }
            }
        }

        return errors.Count == 0 ? next(context) : ValueTask.FromResult<object?>(TypedResults.ValidationProblem(errors));
    }

    /// <summary>
    /// A flag in the query that is not true or false ("?useCookies=x") fails Identity's binding, which answers a bare 400
    /// without throwing (its endpoints are generated, and ignore ThrowOnBadRequest); filters still run first, so here it
    /// is a 400 naming the field, as everywhere else in the API.
    /// </summary>
    private static ValueTask<object?> QueryFlags(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var query = context.HttpContext.Request.Query;
        var flags = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>()?.GetParameters()
            .Where(p => p.ParameterType == typeof(bool?) || p.ParameterType == typeof(bool))
            .Select(p => p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name!) ?? [];
        var errors = flags
            .Where(name => query.TryGetValue(name, out var values) && values.Any(value => !string.IsNullOrEmpty(value) && !bool.TryParse(value, out _)))
            .ToDictionary(name => name, name => new[] { $"'{name}' must be true or false." });
        return errors.Count == 0 ? next(context) : ValueTask.FromResult<object?>(TypedResults.ValidationProblem(errors));
    }

    /// <summary>
    /// A new account is a listener, as on the sign-up page. An address that already has an account gets the same 200 as
    /// a new one (Identity answers "DuplicateUserName"), and its owner a mail instead.
    /// </summary>
    private static async ValueTask<object?> Registration(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (context.Arguments.OfType<RegisterRequest>().SingleOrDefault() is not { } registration)
        {
            return result;
        }

        var services = context.HttpContext.RequestServices;
        var users = services.GetRequiredService<UserManager<AppUser>>();
        switch (Unwrap(result))
        {
            case Ok when await users.FindByEmailAsync(registration.Email) is { } created:
                await users.AddToRoleAsync(created, Roles.Listener);
                return result;
            case ValidationProblem problem when problem.ProblemDetails.Errors.Keys.All(code => code is "DuplicateUserName" or "DuplicateEmail")
                                                && await users.FindByEmailAsync(registration.Email) is { } existing:
                await services.GetRequiredService<AccountMail>().AlreadyRegisteredAsync(existing);
                return TypedResults.Ok();
            default:
                return result;
        }
    }

    private static async ValueTask<object?> ThrottledLogin(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.Arguments.OfType<LoginRequest>().SingleOrDefault() is not { } login)
        {
            return await next(context);
        }

        var http = context.HttpContext;
        var throttle = http.RequestServices.GetRequiredService<SignInThrottle>();
        if (throttle.RetryAfter(login.Email, http) is { } wait)
        {
            return TypedResults.Problem(title: SignInThrottle.Refuse(http, wait), statusCode: StatusCodes.Status429TooManyRequests);
        }

        var result = await next(context);
        if (Unwrap(result) is IStatusCodeHttpResult { StatusCode: StatusCodes.Status401Unauthorized })
        {
            throttle.Failed(login.Email, http);
        }

        return result;
    }

    private static object? Unwrap(object? result) => result is INestedHttpResult nested ? nested.Result : result;
}
