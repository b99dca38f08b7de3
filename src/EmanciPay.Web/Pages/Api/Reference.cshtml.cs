namespace EmanciPay.Web.Pages.Api;

/// <summary>The reference's index: how to call the API, and a link to every operation (on its tag's page) and schema.</summary>
public sealed class ReferenceModel : ApiReferencePage
{
    public Task OnGetAsync(CancellationToken cancellationToken) => LoadDocumentAsync(cancellationToken);
}
