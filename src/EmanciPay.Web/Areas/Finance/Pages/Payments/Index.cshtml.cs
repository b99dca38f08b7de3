using EmanciPay.Application.Features.Refunds;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Areas.Finance.Pages.Payments;

/// <summary>Finance: find a payment (by PaymentIntent id, listener email or station slug) to refund it.</summary>
[Authorize(Policy = WebSetup.Finance)]
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<FindPayments.Item> Found { get; private set; } = [];

    // The search is a GET form; a POST arriving here is a payment's refund form that lost its id, which must not look done.
    public IActionResult OnPost() => StatusCode(StatusCodes.Status405MethodNotAllowed);

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Found = await sender.Send(new FindPayments.Query(Q), ct);
        }
        catch (ValidationException refused)
        {
            foreach (var error in refused.Errors)
            {
                ModelState.AddModelError("q", error.ErrorMessage);
            }
        }
    }
}
