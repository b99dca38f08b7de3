using System.Globalization;
using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator;

/// <summary>
/// The parameters an operation accepts, as Stripe checks them: anything else is refused with <c>parameter_unknown</c>
/// (naming the full bracketed path), a hash where a string belongs with <c>parameter_invalid</c>. Every operation also
/// takes <c>expand[]</c>.
/// </summary>
internal sealed class Parameters
{
    private readonly Dictionary<string, Parameters>? fields;
    private readonly Parameters? items;
    private readonly Kind kind;

    private Parameters(Kind kind, Dictionary<string, Parameters>? fields = null, Parameters? items = null)
    {
        this.kind = kind;
        this.fields = fields;
        this.items = items;
    }

    private enum Kind
    {
        Value,
        Hash,
        Map,
        List,
    }

    /// <summary>A string (numbers and booleans travel as strings in a form).</summary>
    public static Parameters Value { get; } = new(Kind.Value);

    /// <summary>Free keys with string values, as <c>metadata</c>.</summary>
    public static Parameters Map { get; } = new(Kind.Map);

    public static Parameters Hash(params (string Name, Parameters Spec)[] fields) =>
        new(Kind.Hash, fields.ToDictionary(f => f.Name, f => f.Spec, StringComparer.Ordinal));

    public static Parameters List(Parameters items) => new(Kind.List, items: items);

    /// <summary>An operation's parameters: the given ones and <c>expand</c>.</summary>
    public static Parameters Operation(params (string Name, Parameters Spec)[] fields) =>
        Hash([.. fields, ("expand", List(Value))]);

    public void Check(JsonObject parameters) => Check(parameters, "");

    private void Check(JsonNode? node, string path)
    {
        switch (kind, node)
        {
            case (_, null):
            case (Kind.Value, JsonValue):
                return;
            case (Kind.Map, JsonObject map):
                foreach (var (key, value) in map)
                {
                    Value.Check(value, $"{path}[{key}]");
                }

                return;
            case (Kind.Hash, JsonObject hash):
                foreach (var (key, value) in hash)
                {
                    var name = path.Length == 0 ? key : $"{path}[{key}]";
                    if (!fields!.TryGetValue(key, out var spec))
                    {
                        throw StripeApiException.Unknown(name);
                    }

                    spec.Check(value, name);
                }

                return;
            case (Kind.List, JsonArray list):
                for (var i = 0; i < list.Count; i++)
                {
                    items!.Check(list[i], $"{path}[{i}]");
                }

                return;
            case (Kind.Value, _):
                throw StripeApiException.Invalid(path, $"Invalid string: {path} must be a single value.");
            default:
                throw StripeApiException.Invalid(path, $"Invalid {(kind == Kind.List ? "array" : "hash")}: {path}.");
        }
    }

    public static string? Text(JsonObject p, string name) => p[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    public static long? Integer(JsonObject p, string name, string? path = null) => p[name] switch
    {
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        JsonValue v when v.TryGetValue<string>(out var s) && s.Length > 0 => throw StripeApiException.Invalid(path ?? name, $"Invalid integer: {s}"),
        _ => null,
    };

    public static bool Boolean(JsonObject p, string name) => Text(p, name) switch
    {
        null or "false" => false,
        "true" => true,
        var other => throw StripeApiException.Invalid(name, $"Invalid boolean: {other}"),
    };

    /// <summary>A URL Stripe will send a customer to: absolute http or https only, never <c>javascript:</c> or a relative path.</summary>
    public static string? Url(JsonObject p, string name) => Text(p, name) switch
    {
        null => null,
        var url when Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0 => url,
        _ => throw StripeApiException.InvalidUrl(name),
    };

    public static JsonObject Metadata(JsonObject p) => p["metadata"] is JsonObject metadata ? (JsonObject)metadata.DeepClone() : [];

    public static List<string> Expand(JsonObject p) => p["expand"] switch
    {
        JsonArray list => list.Select(e => (string?)e).OfType<string>().ToList(),
        JsonValue single => [single.GetValue<string>()],
        _ => [],
    };
}
