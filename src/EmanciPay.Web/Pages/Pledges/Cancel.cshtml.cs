using EmanciPay.Application.Features.Pledges;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Pages.Pledges;

/// <summary>The receipt's link: cancel a monthly pledge without signing in. GET only shows; POST (with antiforgery) cancels.</summary>
public sealed class CancelModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    public GetPledgeToCancel.Result? Pledge { get; private set; }

    public bool JustCancelled { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Pledge = await sender.Send(new GetPledgeToCancel.Query(id, Token), ct);
        return Pledge is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await sender.Send(new CancelPledge.Command(id, ListenerId: null, Token), ct);
        }
        catch (ValidationException)
        {
            return NotFound();
        }

        Pledge = await sender.Send(new GetPledgeToCancel.Query(id, Token), ct);
        JustCancelled = true;
        return Page();
    }
}
