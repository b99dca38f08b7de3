using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EmanciPay.StripeEmulator;

/// <summary>
/// Stripe's request encoding: form fields with bracketed keys (<c>metadata[pledge_id]=..</c>,
/// <c>line_items[0][price_data][unit_amount]=..</c>, <c>expand[0]=..</c>) read into a JSON tree. Whatever cannot be
/// such a tree (control characters, nesting deeper than any Stripe parameter, huge indexes, a key used both as a
/// value and as a hash) is refused with a Stripe error rather than failing later.
/// </summary>
internal static class FormBody
{
    /// <summary>Deeper than any parameter Stripe has (<c>line_items[0][price_data][product_data][metadata][k]</c> is 6).</summary>
    public const int MaxDepth = 8;

    /// <summary>Stripe's arrays hold at most 100 items (line items, expand paths).</summary>
    public const int MaxIndex = 99;

    public static async Task<JsonObject> ReadAsync(HttpRequest request)
    {
        IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> fields = request.Query;
        if (request.HasFormContentType)
        {
            try
            {
                fields = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            }
            catch (InvalidDataException error)
            {
                throw StripeApiException.MalformedBody($"The request body could not be read as a form: {error.Message}");
            }
        }

        return Parse(fields.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))));
    }

    public static JsonObject Parse(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var root = new JsonObject();
        foreach (var (key, value) in fields)
        {
            RefuseControlCharacters(key, key, allowLineBreaks: false);
            RefuseControlCharacters(key, value, allowLineBreaks: true);
            Set(root, key, Split(key), value);
        }

        return root;
    }

    private static void Set(JsonObject root, string key, List<string> path, string value)
    {
        if (path.Count > MaxDepth)
        {
            throw StripeApiException.Invalid(key, $"Parameters are nested at most {MaxDepth} levels deep.");
        }

        JsonNode parent = root;
        for (var i = 0; i < path.Count; i++)
        {
            var last = i == path.Count - 1;
            JsonNode? existing;
            Action<JsonNode> put;
            switch (parent)
            {
                case JsonObject obj:
                    var name = path[i];
                    existing = obj[name];
                    put = node => obj[name] = node;
                    break;
                case JsonArray array when IsIndex(path[i]):
                    var index = path[i].Length == 0 ? array.Count : Index(key, path[i]);
                    while (array.Count <= index)
                    {
                        array.Add(null);
                    }

                    existing = array[index];
                    put = node => array[index] = node;
                    break;
                default:
                    throw StripeApiException.Invalid(key, $"Invalid {(parent is JsonArray ? "array" : "hash")}: {key} does not fit the parameters sent with it.");
            }

            if (last)
            {
                put(JsonValue.Create(value));
                return;
            }

            if (existing is null)
            {
                existing = IsIndex(path[i + 1]) ? new JsonArray() : new JsonObject();
                put(existing);
            }

            parent = existing;
        }
    }

    private static bool IsIndex(string segment) => segment.Length == 0 || segment.All(char.IsAsciiDigit);

    private static int Index(string key, string segment) =>
        int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index <= MaxIndex
            ? index
            : throw StripeApiException.Invalid(key, $"Array indexes go from 0 to {MaxIndex}.");

    private static void RefuseControlCharacters(string key, string text, bool allowLineBreaks)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'))
            {
                throw StripeApiException.Invalid(key, $"Invalid string: {key} contains a control character (U+{(int)c:X4}).");
            }
        }
    }

    private static List<string> Split(string key)
    {
        var open = key.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return [key];
        }

        var segments = new List<string> { key[..open] };
        segments.AddRange(key[open..].Split('[', StringSplitOptions.RemoveEmptyEntries).Select(s => s.TrimEnd(']')));
        return segments;
    }
}
