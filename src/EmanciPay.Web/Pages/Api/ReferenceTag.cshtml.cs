using Microsoft.AspNetCore.Mvc;

namespace EmanciPay.Web.Pages.Api;

/// <summary>One tag's operations, in full: parameters, body, responses and who may call each.</summary>
public sealed class ReferenceTagModel : ApiReferencePage
{
    public IGrouping<string, Operation> Operations { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string tag, CancellationToken cancellationToken)
    {
        await LoadDocumentAsync(cancellationToken);
        // A tag's address is its name in lower case, and only that: "Identity" is not found, as any other name.
        var operations = OperationsByTag.FirstOrDefault(group => string.Equals(group.Key.ToLowerInvariant(), tag, StringComparison.Ordinal));
        if (operations is null)
        {
            return NotFound();
        }

        Operations = operations;
        return Page();
    }
}
