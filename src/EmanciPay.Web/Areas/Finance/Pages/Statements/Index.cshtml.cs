using EmanciPay.Application.Features.Finance;
using EmanciPay.Web.Api;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Areas.Finance.Pages.Statements;

/// <summary>The stations whose escrow holds or held money, with what each holds today, to open one's statement.</summary>
[Authorize(Policy = WebSetup.Finance)]
public sealed class IndexModel(ISender sender, TimeProvider clock) : PageModel
{
    public IReadOnlyList<(string Currency, GetTrialBalance.Line Line)> Escrows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = await sender.Send(new GetTrialBalance.Query(FinanceApi.Today(clock)), ct);
        Escrows = today.Currencies.SelectMany(c => c.Lines.Where(l => l.StationSlug is not null).Select(l => (c.Code, l))).ToList();
    }
}
