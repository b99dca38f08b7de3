using System.Security.Claims;
using EmanciPay.Application.Features.Record;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Pages.Listener;

/// <summary>Your record: download everything the account holds, read a year's giving statement, or delete the account.</summary>
[Authorize]
public sealed class RecordModel(ISender sender) : PageModel
{
    public IReadOnlyList<int> StatementYears { get; private set; } = [];

    /// <summary>The address the account signs in with, typed again to confirm the deletion.</summary>
    [BindProperty]
    public string? Confirmation { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        try
        {
            await sender.Send(new DeleteMyAccount.Command(User.FindFirstValue(ClaimTypes.NameIdentifier)!, Confirmation), ct);
        }
        catch (ValidationException refused)
        {
            foreach (var error in refused.Errors)
            {
                ModelState.AddModelError(nameof(Confirmation), error.ErrorMessage);
            }

            await LoadAsync(ct);
            return Page();
        }

        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        return RedirectToPage("RecordDeleted");
    }

    public string? Invalid => ModelState.TryGetValue(nameof(Confirmation), out var entry) && entry.Errors.Count > 0 ? "true" : null;

    private async Task LoadAsync(CancellationToken ct) =>
        StatementYears = await sender.Send(new ListStatementYears.Query(User.FindFirstValue(ClaimTypes.NameIdentifier)!), ct);
}
