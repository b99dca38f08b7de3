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
/// The API reference: /openapi/v1.json rendered on the server in the site's own layout, with no script and nothing from
/// another site. It is split into an index, one page per tag and one per schema, so that no page is a document of
/// thousands of elements (style and layout of the single page cost a phone most of a second).
/// </summary>
public abstract class ApiReferencePage : PageModel
{
    public const string Root = "/api/reference";
    public const string IndexPath = Root + "/" + OpenApiDocumentSetup.DocumentName;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public OpenApiDocument Document { get; private set; } = null!;

    public sealed record Operation(string Method, string Path, string Tag, OpenApiOperation Details);

    public IEnumerable<IGrouping<string, Operation>> OperationsByTag =>
        from path in Document.Paths
        from operation in path.Value.Operations ?? []
        let tag = operation.Value.Tags?.FirstOrDefault()?.Reference.Id ?? "Other"
        group new Operation(operation.Key.Method, path.Key, tag, operation.Value) by tag;

    public IDictionary<string, IOpenApiSchema> Schemas => Document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();

    public string? TagDescription(string tag) => Document.Tags?.FirstOrDefault(t => t.Name == tag)?.Description;

    public static string TagPath(string tag) => $"{IndexPath}/{Uri.EscapeDataString(tag.ToLowerInvariant())}";

    public static string OperationPath(Operation operation) => $"{TagPath(operation.Tag)}#{Uri.EscapeDataString(operation.Details.OperationId ?? "")}";

    public static string SchemaPath(string name) => $"{IndexPath}/schemas/{Uri.EscapeDataString(name)}";

    protected async Task LoadDocumentAsync(CancellationToken cancellationToken) =>
        Document = await HttpContext.RequestServices.GetRequiredKeyedService<IOpenApiDocumentProvider>(OpenApiDocumentSetup.DocumentName)
            .GetOpenApiDocumentAsync(cancellationToken);

    /// <summary>A security scheme as words: what the caller sends.</summary>
    public static string SchemeName(string scheme) => scheme switch
    {
        OpenApiOperations.Bearer => "a bearer token",
        OpenApiOperations.Cookie => "the sign-in cookie",
        OpenApiOperations.Antiforgery => $"the {CookieAntiforgery.HeaderName} header",
        var other => other,
    };

    /// <summary>Who may call: "anyone", or the schemes of each accepted requirement (both of a pair are needed together).</summary>
    public static string WhoMayCall(OpenApiOperation operation) =>
        string.Join("; or ", (operation.Security ?? []).Select(requirement =>
            requirement.Count == 0 ? "no credentials" : string.Join(" with ", requirement.Keys.Select(scheme => SchemeName(scheme.Reference.Id ?? "")))));

    public static string Example(JsonNode? example) => example?.ToJsonString(Indented) ?? "";

    /// <summary>A schema as words, with a link to the page of each named schema it refers to.</summary>
    public static IHtmlContent TypeOf(IOpenApiSchema? schema) => new HtmlString(TypeHtml(schema));

    private static string TypeHtml(IOpenApiSchema? schema) => schema switch
    {
        null => "any",
        OpenApiSchemaReference { Reference.Id: { } name } => $"<a href=\"{Encode(SchemaPath(name))}\">{Encode(name)}</a>",
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
