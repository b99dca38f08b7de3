using System.Text.Json;
using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator.Tests;

/// <summary>
/// The required fields of Stripe's objects, with their JSON types, from Stripe's OpenAPI spec (Fixtures/
/// stripe-required-fields.json names the spec's commit). <see cref="Check"/> walks a response body, nested and
/// expanded objects included, and reports every object of a listed kind that lacks one or has it with another type.
/// </summary>
public sealed class RequiredFields
{
    private readonly Dictionary<string, Dictionary<string, string>> kinds;

    private RequiredFields(Dictionary<string, Dictionary<string, string>> kinds) => this.kinds = kinds;

    public IReadOnlyCollection<string> Kinds => kinds.Keys;

    public static RequiredFields Load()
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", "stripe-required-fields.json"));
        var objects = JsonNode.Parse(file)!["objects"]!.AsObject();
        return new RequiredFields(objects.ToDictionary(
            o => o.Key,
            o => o.Value!.AsObject().ToDictionary(f => f.Key, f => (string)f.Value!, StringComparer.Ordinal),
            StringComparer.Ordinal));
    }

    /// <summary>Checks one body; adds to <paramref name="seen"/> each kind it met, and returns what is missing or mistyped.</summary>
    public List<string> Check(string body, ISet<string> seen)
    {
        var problems = new List<string>();
        var root = JsonNode.Parse(body);
        if (root is JsonObject { Count: 1 } error && error.ContainsKey("error"))
        {
            CheckAs("error", error, "$", problems, seen);
        }

        Walk(root, "$", problems, seen);
        return problems;
    }

    private void Walk(JsonNode? node, string path, List<string> problems, ISet<string> seen)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["object"] is JsonValue kind && kind.TryGetValue<string>(out var name) && kinds.ContainsKey(name))
                {
                    CheckAs(name, obj, path, problems, seen);
                }

                foreach (var (key, value) in obj)
                {
                    Walk(value, $"{path}.{key}", problems, seen);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], $"{path}[{i}]", problems, seen);
                }

                break;
        }
    }

    private void CheckAs(string kind, JsonObject obj, string path, List<string> problems, ISet<string> seen)
    {
        seen.Add(kind);
        foreach (var (field, type) in kinds[kind])
        {
            var value = obj[field];
            if (!obj.ContainsKey(field))
            {
                problems.Add($"{kind} at {path} has no {field}");
            }
            else if (TypeOf(value) != type)
            {
                problems.Add($"{kind} at {path} has {field} as {TypeOf(value)}, not {type}");
            }
        }

        // A sub-object with required fields of its own (charge.outcome, payment_method.card), wherever it is present.
        foreach (var nested in kinds.Keys.Where(k => k.StartsWith(kind + ".", StringComparison.Ordinal)))
        {
            var field = nested[(kind.Length + 1)..];
            if (obj[field] is JsonObject sub)
            {
                CheckAs(nested, sub, $"{path}.{field}", problems, seen);
            }
        }
    }

    private static string TypeOf(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number when value.AsValue().TryGetValue<long>(out _) => "integer",
        JsonValueKind.Number => "number",
        var other => other.ToString()!,
    };
}
