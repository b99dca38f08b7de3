using EmanciPay.Application.Features.Claims;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Pages.Claims;

/// <summary>
/// The link mailed to a claim's station address. Opening it shows a button; only pressing it confirms, so that a mail
/// scanner fetching the link cannot use up the single-use token.
/// </summary>
public sealed class ConfirmModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public ConfirmClaimEmail.Result? Confirmed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Confirmed = await sender.Send(new ConfirmClaimEmail.Command(id, Token), ct);
        }
        catch (ValidationException refusal)
        {
            FormErrors.Add(ModelState, refusal);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
