using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmanciPay.Web.Api;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EmanciPay.Web.Pages.Api;

/// <summary>
/// The API reference: the operations and schemas of /openapi/v1.json rendered on the server in the site's own layout,
/// with no script and nothing from another site.
/// </summary>
public sealed class ReferenceModel : PageModel
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public OpenApiDocument Document { get; private set; } = null!;

    public sealed record Operation(string Method, string Path, OpenApiOperation Details);

    public IEnumerable<IGrouping<string, Operation>> OperationsByTag =>
        from path in Document.Paths
        from operation in path.Value.Operations ?? []
        let entry = new Operation(operation.Key.Method, path.Key, operation.Value)
        group entry by operation.Value.Tags?.FirstOrDefault()?.Reference.Id ?? "Other";

    public string? TagDescription(string tag) => Document.Tags?.FirstOrDefault(t => t.Name == tag)?.Description;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Document = await HttpContext.RequestServices.GetRequiredKeyedService<IOpenApiDocumentProvider>(OpenApiDocumentSetup.DocumentName)
            .GetOpenApiDocumentAsync(cancellationToken);

    /// <summary>Who may call: "anyone", or the schemes of each accepted requirement (both of a pair are needed together).</summary>
    public static string WhoMayCall(OpenApiOperation operation) =>
        string.Join("; or ", (operation.Security ?? []).Select(requirement =>
            requirement.Count == 0 ? "no credentials" : string.Join(" with ", requirement.Keys.Select(scheme => scheme.Reference.Id switch
            {
                OpenApiOperations.Bearer => "a bearer token",
                OpenApiOperations.Cookie => "the sign-in cookie",
                OpenApiOperations.Antiforgery => $"the {CookieAntiforgery.HeaderName} header",
                var other => other,
            }))));

    public static string Example(JsonNode? example) => example?.ToJsonString(Indented) ?? "";

    /// <summary>A schema as words, with a link to each named schema it refers to.</summary>
    public static IHtmlContent TypeOf(IOpenApiSchema? schema) => new HtmlString(TypeHtml(schema));

    private static string TypeHtml(IOpenApiSchema? schema) => schema switch
    {
        null => "any",
        OpenApiSchemaReference { Reference.Id: { } name } => $"<a href=\"#schema-{Encode(name)}\">{Encode(name)}</a>",
        { OneOf.Count: > 0 } => string.Join(" or ", schema.OneOf.Select(TypeHtml)),
        { Enum.Count: > 0 } => "one of " + string.Join(", ", schema.Enum.Select(value => $"<code>{Encode(value?.ToJsonString() ?? "null")}</code>")),
        { Type: { } type } when type.HasFlag(JsonSchemaType.Array) => "array of " + TypeHtml(schema.Items) + (type.HasFlag(JsonSchemaType.Null) ? " or null" : ""),
        { Type: { } type } when type.HasFlag(JsonSchemaType.Object) && schema.AdditionalProperties is { } values => "map of " + TypeHtml(values),
        { Type: { } type } => string.Join(" or ", Enum.GetValues<JsonSchemaType>().Where(t => type.HasFlag(t)).OrderBy(t => t == JsonSchemaType.Null)
                                  .Select(t => t.ToString().ToLowerInvariant())) + (schema.Format is { } format ? $" ({Encode(format)})" : ""),
        _ => "any",
    };

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
