using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace EmanciPay.Web.Pages.Api;

/// <summary>One schema of the document: its fields, their types and meanings, and an example.</summary>
public sealed class ReferenceSchemaModel : ApiReferencePage
{
    public string Name { get; private set; } = "";

    public IOpenApiSchema Schema { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string name, CancellationToken cancellationToken)
    {
        await LoadDocumentAsync(cancellationToken);
        if (!Schemas.TryGetValue(name, out var schema))
        {
            return NotFound();
        }

        (Name, Schema) = (name, schema);
        return Page();
    }
}
