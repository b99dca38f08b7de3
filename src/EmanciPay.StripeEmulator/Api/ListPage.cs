using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator;

/// <summary>
/// Stripe's list pagination over objects newest first: <c>limit</c> (1 to 100, default 10), and a cursor, either
/// <c>starting_after</c> (the next, older page) or <c>ending_before</c> (the previous, newer page), which is an object of
/// the listed kind whether or not it passes the list's filters.
/// </summary>
internal static class ListPage
{
    public static readonly (string Name, Parameters Spec)[] PageParameters =
    [
        ("limit", Parameters.Value),
        ("starting_after", Parameters.Value),
        ("ending_before", Parameters.Value),
    ];

    public static readonly Parameters Created = Parameters.Hash(
        ("gt", Parameters.Value),
        ("gte", Parameters.Value),
        ("lt", Parameters.Value),
        ("lte", Parameters.Value));

    /// <param name="newestFirst">Every object of the listed kind, newest first.</param>
    /// <param name="matches">The list's filters.</param>
    public static JsonObject Of(JsonObject p, string url, IReadOnlyList<JsonObject> newestFirst, Func<JsonObject, bool> matches, Func<JsonObject, JsonNode> render)
    {
        var limit = Parameters.Integer(p, "limit") ?? 10;
        if (limit is < 1 or > 100)
        {
            throw new StripeApiException(400, "invalid_request_error", $"Invalid limit: {limit}. It must be between 1 and 100.", "parameter_invalid_integer", "limit");
        }

        var after = Parameters.Text(p, "starting_after");
        var before = Parameters.Text(p, "ending_before");
        if (after is not null && before is not null)
        {
            throw StripeApiException.Invalid("starting_after", "You may only specify one of these parameters: ending_before, starting_after.");
        }

        var page = new List<JsonObject>();
        bool hasMore;
        if (before is null)
        {
            var start = after is null ? 0 : Position(newestFirst, after, "starting_after") + 1;
            var matching = newestFirst.Skip(start).Where(matches);
            page.AddRange(matching.Take((int)limit + 1));
            hasMore = page.Count > limit;
            page = page.Take((int)limit).ToList();
        }
        else
        {
            // The page just newer than the cursor, still listed newest first.
            var newer = newestFirst.Take(Position(newestFirst, before, "ending_before")).Where(matches).Reverse().Take((int)limit + 1).ToList();
            hasMore = newer.Count > limit;
            page = newer.Take((int)limit).Reverse().ToList();
        }

        return new JsonObject
        {
            ["object"] = "list",
            ["url"] = url,
            ["has_more"] = hasMore,
            ["data"] = new JsonArray(page.Select(render).ToArray()),
        };
    }

    /// <summary>Whether a <c>created</c> filter (<c>created[gte]=..</c> and the like) admits a time.</summary>
    public static bool CreatedWithin(JsonObject p, long created)
    {
        if (p["created"] is not JsonObject range)
        {
            return Parameters.Integer(p, "created", "created") is not { } exact || exact == created;
        }

        return !(created < Parameters.Integer(range, "gte", "created[gte]")
            || created <= Parameters.Integer(range, "gt", "created[gt]")
            || created > Parameters.Integer(range, "lte", "created[lte]")
            || created >= Parameters.Integer(range, "lt", "created[lt]"));
    }

    private static int Position(IReadOnlyList<JsonObject> newestFirst, string id, string param)
    {
        for (var i = 0; i < newestFirst.Count; i++)
        {
            if ((string?)newestFirst[i]["id"] == id)
            {
                return i;
            }
        }

        throw new StripeApiException(400, "invalid_request_error", $"No such object: '{id}'", "resource_missing", param);
    }
}
