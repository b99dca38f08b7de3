using EmanciPay.Application.Common;
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
        try
        {
            Pledge = await sender.Send(new GetPledgeToCancel.Query(id, Token), ct);
        }
        catch (NotFoundException)
        {
            // A listener's pledge, and the token is not genuine: the link names nothing its holder may see.
            return NotFound();
        }

        return Pledge is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await sender.Send(new CancelPledge.Command(id, ListenerId: null, Token), ct);
        }
        catch (Exception refused) when (refused is ValidationException or NotFoundException)
        {
            return NotFound();
        }

        Pledge = await sender.Send(new GetPledgeToCancel.Query(id, Token), ct);
        JustCancelled = true;
        return Page();
    }
}
