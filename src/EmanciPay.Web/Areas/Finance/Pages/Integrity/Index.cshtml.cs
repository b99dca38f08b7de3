using EmanciPay.Application.Features.Ledger;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Areas.Finance.Pages.Integrity;

/// <summary>Finance: prove the books now, as the nightly job does, and see each problem with its position.</summary>
[Authorize(Policy = WebSetup.FinanceOrAdmin)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public CheckLedgerIntegrity.Result? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task OnPostAsync(CancellationToken ct) => Result = await sender.Send(new CheckLedgerIntegrity.Query(), ct);
}
