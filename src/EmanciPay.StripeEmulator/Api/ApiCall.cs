using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EmanciPay.StripeEmulator;

/// <summary>The API request an operation runs for: what events it causes record, as Stripe's <c>event.request</c>.</summary>
internal sealed record ApiRequest(string Id, string? IdempotencyKey);

/// <summary>
/// One API call as Stripe handles it: the injected latency and failures, the secret key, the parameters read and
/// checked against what the operation accepts, then the operation under Stripe's idempotency, with a Request-Id.
/// </summary>
internal static class ApiCall
{
    public static async Task<IResult> RunAsync(HttpContext context, StripeEmulator emulator, Parameters accepted, Func<JsonObject, JsonNode> operation)
    {
        if (emulator.Faults.Latency is { Ticks: > 0 } latency)
        {
            await Task.Delay(latency, context.RequestAborted);
        }

        var request = new ApiRequest("req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), IdempotencyKey(context.Request));
        context.Response.Headers["Request-Id"] = request.Id;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString()), Encoding.UTF8.GetBytes($"Bearer {emulator.Options.ApiKey}")))
        {
            return Error(new StripeApiException(401, "invalid_request_error", "Invalid API Key provided."));
        }

        // Injected failures happen before the request executes, so, as at Stripe, nothing is saved for its idempotency key.
        if (emulator.Faults.TryTakeFailure(out var status))
        {
            var (type, message) = status == 429 ? ("invalid_request_error", "Too many requests hit the API too quickly.") : ("api_error", "An unexpected error occurred (injected by the emulator).");
            return Error(new StripeApiException(status, type, message, status == 429 ? "rate_limit" : null));
        }

        if (emulator.Faults.TryTakeRefusal(context.Request.Method, context.Request.Path.Value ?? "", out var refusal))
        {
            return Error(new StripeApiException(400, "invalid_request_error", refusal));
        }

        JsonObject parameters;
        try
        {
            parameters = await FormBody.ReadAsync(context.Request);
            accepted.Check(parameters);
        }
        catch (StripeApiException refused)
        {
            return Error(refused);
        }

        var fingerprint = $"{context.Request.Method} {context.Request.Path} {parameters.ToJsonString()}";
        var (resultStatus, body, replayed) = emulator.Execute(request, fingerprint, () => operation(parameters));
        if (replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return Json(resultStatus, body);
    }

    /// <summary>A report's file, as Stripe serves it at files.stripe.com: the secret key, then the CSV.</summary>
    public static IResult File(HttpContext context, StripeEmulator emulator, string fileId)
    {
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString()), Encoding.UTF8.GetBytes($"Bearer {emulator.Options.ApiKey}")))
        {
            return Error(new StripeApiException(401, "invalid_request_error", "Invalid API Key provided."));
        }

        if (emulator.FilePath(fileId) is { } path)
        {
            return Results.File(path, "text/csv");
        }

        return emulator.FileContents(fileId) is { } csv
            ? Results.Text(csv, "text/csv", Encoding.UTF8)
            : Error(StripeApiException.NoSuchObject(fileId, "file"));
    }

    public static IResult Error(StripeApiException error) => Json(error.Status, error.ToJson().ToJsonString());

    private static IResult Json(int status, string body) => Results.Text(body, "application/json", Encoding.UTF8, status);

    // Stripe honours Idempotency-Key on POST only.
    private static string? IdempotencyKey(HttpRequest request) =>
        request.Method == HttpMethods.Post && request.Headers.TryGetValue("Idempotency-Key", out var header) && header.ToString().Length > 0 ? header.ToString() : null;
}
