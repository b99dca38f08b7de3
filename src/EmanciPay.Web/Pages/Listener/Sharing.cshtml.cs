using System.Security.Claims;
using EmanciPay.Application.Features.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Pages.Listener;

/// <summary>
/// Sharing one's giving, opt-in: a handle, whether the public page and feed are on (off by default), and gift by gift
/// whether it is shown, and with its amount.
/// </summary>
[Authorize]
public sealed class SharingModel(ISender sender) : PageModel
{
    public const string Hidden = "hidden";
    public const string Shown = "shown";
    public const string WithAmount = "amount";

    public GetMySharing.Result Sharing { get; private set; } = null!;

    [BindProperty]
    public string? Handle { get; set; }

    [BindProperty]
    public bool Published { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Handle = Sharing.Handle;
        Published = Sharing.Published;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var result = await sender.Send(new SetSharing.Command(ListenerId, Handle?.Trim().ToLowerInvariant(), Published), ct);
            Notice = result.Published ? $"Your page is public at /givers/{result.Handle}." : "Your page is off: nobody can see it.";
            return RedirectToPage();
        }
        catch (ValidationException refused)
        {
            foreach (var error in refused.Errors)
            {
                ModelState.AddModelError(nameof(Handle), error.ErrorMessage);
            }

            await LoadAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostGiftAsync(Guid paymentId, string? visibility, CancellationToken ct)
    {
        if (!ModelState.IsValid || visibility is not (Hidden or Shown or WithAmount))
        {
            return BadRequest();
        }

        await sender.Send(new ShareGift.Command(ListenerId, paymentId, visibility != Hidden, visibility == WithAmount), ct);
        Notice = visibility == Hidden ? "That gift is hidden." : "That gift is shared.";
        return RedirectToPage();
    }

    public string? Invalid => FormErrors.Invalid(ModelState, nameof(Handle));

    public static string VisibilityOf(GetMySharing.Gift gift) => !gift.Shown ? Hidden : gift.ShowAmount ? WithAmount : Shown;

    private string ListenerId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private async Task LoadAsync(CancellationToken ct) => Sharing = await sender.Send(new GetMySharing.Query(ListenerId), ct);
}
