using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EmanciPay.StripeEmulator;

/// <summary>
/// Stripe's request encoding: form fields with bracketed keys (<c>metadata[pledge_id]=..</c>,
/// <c>line_items[0][price_data][unit_amount]=..</c>, <c>expand[0]=..</c>) read into a JSON tree.
/// </summary>
internal static class FormBody
{
    public static JsonObject Parse(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var root = new JsonObject();
        foreach (var (key, value) in fields)
        {
            var path = Split(key);
            JsonNode parent = root;
            for (var i = 0; i < path.Count; i++)
            {
                var last = i == path.Count - 1;
                var segment = path[i];
                var isIndex = segment.Length == 0 || segment.All(char.IsAsciiDigit);
                if (parent is JsonObject obj)
                {
                    if (last)
                    {
                        obj[segment] = value;
                        break;
                    }

                    var nextIsIndex = path[i + 1].Length == 0 || path[i + 1].All(char.IsAsciiDigit);
                    parent = obj[segment] ??= nextIsIndex ? new JsonArray() : new JsonObject();
                }
                else if (parent is JsonArray array && isIndex)
                {
                    var index = segment.Length == 0 ? array.Count : int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture);
                    while (array.Count <= index)
                    {
                        array.Add(null);
                    }

                    if (last)
                    {
                        array[index] = value;
                        break;
                    }

                    var nextIsIndex = path[i + 1].Length == 0 || path[i + 1].All(char.IsAsciiDigit);
                    parent = array[index] ??= nextIsIndex ? new JsonArray() : new JsonObject();
                }
            }
        }

        return root;
    }

    public static async Task<JsonObject> ReadAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            return Parse(form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))));
        }

        return Parse(request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))));
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
