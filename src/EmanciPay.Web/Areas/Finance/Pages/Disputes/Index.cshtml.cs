using EmanciPay.Application.Features.Refunds;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Areas.Finance.Pages.Disputes;

/// <summary>Finance: card disputes, newest first, all or of one outcome, with what each holds from its station's escrow.</summary>
[Authorize(Policy = WebSetup.Finance)]
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Outcome { get; set; }

    public ListDisputes.Result List { get; private set; } = new([], new Dictionary<string, int>());

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            List = await sender.Send(new ListDisputes.Query(string.IsNullOrEmpty(Outcome) ? null : Outcome), ct);
        }
        catch (ValidationException refused)
        {
            foreach (var error in refused.Errors)
            {
                ModelState.AddModelError("outcome", error.ErrorMessage);
            }
        }
    }
}
