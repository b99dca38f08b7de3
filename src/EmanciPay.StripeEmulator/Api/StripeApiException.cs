using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator;

/// <summary>A Stripe API error, in Stripe's shape: <c>{"error": {"type", "code", "decline_code", "message", "param"}}</c>.</summary>
public sealed class StripeApiException(int status, string type, string message, string? code = null, string? param = null, string? declineCode = null)
    : Exception(message)
{
    public int Status { get; } = status;

    public string Type { get; } = type;

    /// <summary>
    /// A request refused for its parameters, before anything was done: Stripe saves no result for its idempotency key,
    /// so a corrected retry with the same key runs.
    /// </summary>
    public bool IsValidationFailure => Type == "invalid_request_error" && !RefusedWhileRunning;

    /// <summary>
    /// Refused while the request ran, for the state of things rather than its parameters (a balance too low for a
    /// transfer): as at Stripe, such a result is saved for its idempotency key and replayed.
    /// </summary>
    public bool RefusedWhileRunning { get; init; }

    public JsonObject ToJson()
    {
        var error = new JsonObject { ["type"] = Type, ["message"] = Message };
        if (code is not null)
        {
            error["code"] = code;
            error["doc_url"] = $"https://stripe.com/docs/error-codes/{code.Replace('_', '-')}";
        }

        if (declineCode is not null)
        {
            error["decline_code"] = declineCode;
        }

        if (param is not null)
        {
            error["param"] = param;
        }

        return new JsonObject { ["error"] = error };
    }

    public static StripeApiException Missing(string param) =>
        new(400, "invalid_request_error", $"Missing required param: {param}.", "parameter_missing", param);

    public static StripeApiException Invalid(string param, string message) =>
        new(400, "invalid_request_error", message, "parameter_invalid", param);

    public static StripeApiException Unknown(string param) =>
        new(400, "invalid_request_error", $"Received unknown parameter: {param}", "parameter_unknown", param);

    public static StripeApiException InvalidUrl(string param) =>
        new(400, "invalid_request_error", "Not a valid URL", "url_invalid", param);

    public static StripeApiException NoSuchObject(string id, string objectName = "object") =>
        new(404, "invalid_request_error", $"No such {objectName}: '{id}'", "resource_missing", "id");

    public static StripeApiException MalformedBody(string message) =>
        new(400, "invalid_request_error", message, "parameter_invalid");
}
