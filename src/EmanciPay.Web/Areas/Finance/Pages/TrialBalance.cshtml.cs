using EmanciPay.Application.Features.Finance;
using EmanciPay.Web.Api;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Areas.Finance.Pages;

/// <summary>The trial balance at the end of any day: today unless a day is asked for.</summary>
[Authorize(Policy = WebSetup.Finance)]
public sealed class TrialBalanceModel(ISender sender, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "at")]
    public DateOnly? At { get; set; }

    public GetTrialBalance.Result? Balance { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return;
        }

        try
        {
            Balance = await sender.Send(new GetTrialBalance.Query(At ?? FinanceApi.Today(clock)), ct);
        }
        catch (ValidationException invalid)
        {
            ModelState.AddModelError("at", string.Join(" ", invalid.Errors.Select(e => e.ErrorMessage)));
        }
    }

    public string? AtError => FinanceForms.ErrorOf(ModelState, "at");
}
