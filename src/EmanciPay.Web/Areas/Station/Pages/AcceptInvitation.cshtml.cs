using EmanciPay.Application.Features.Portal;
using EmanciPay.Infrastructure.Identity;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Areas.Station.Pages;

/// <summary>
/// Where an invitation's link leads. Opening the link changes nothing (mail scanners open links): the invitee, signed
/// in with the invited address, presses Accept. Then the sign-in is refreshed, so the new role counts at once.
/// </summary>
[Authorize]
public sealed class AcceptInvitationModel(ISender sender, UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "token")]
    public string? Token { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
        if (string.IsNullOrEmpty(Token))
        {
            Error = "This link has no invitation in it. Open the link from the invitation mail.";
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var accepted = await sender.Send(new AcceptManagerInvitation.Command(Token), cancellationToken);
            if (await users.GetUserAsync(User) is { } user)
            {
                await signIn.RefreshSignInAsync(user);
            }

            return Redirect($"/manage/{Uri.EscapeDataString(accepted.Slug)}");
        }
        catch (ValidationException refused)
        {
            Error = string.Join(" ", refused.Errors.Select(e => e.ErrorMessage).Distinct());
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
