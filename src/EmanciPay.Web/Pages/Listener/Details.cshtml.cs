using EmanciPay.Application.Features.Profile;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Pages.Listener;

/// <summary>The listener's name and postal address, held once for every station, and which stations can see what.</summary>
[Authorize]
public sealed class DetailsModel(ISender sender) : PageModel
{
    public GetMyDetails.Details Current { get; private set; } = null!;

    [BindProperty]
    public DetailsInput Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Current = await sender.Send(new GetMyDetails.Query(), ct);
        Input = new DetailsInput { Name = Current.Name, PostalAddress = Current.PostalAddress };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            await sender.Send(new SetMyDetails.Command(Input.Name, Input.PostalAddress), ct);
            Notice = "Your details are saved. Every station that may see them reads the new ones from now on.";
            return RedirectToPage();
        }
        catch (ValidationException refusal)
        {
            FormErrors.Add(ModelState, refusal, nameof(DetailsInput.Name), nameof(DetailsInput.PostalAddress));
            Current = await sender.Send(new GetMyDetails.Query(), ct);
            return Page();
        }
    }

    public string? Invalid(string field) => FormErrors.Invalid(ModelState, $"Input.{field}");

    public static string Words(string detail) => detail switch
    {
        "name" => "your name",
        "email" => "your email address",
        "postal-address" => "your postal address",
        _ => "your messages",
    };

    public sealed class DetailsInput
    {
        public string? Name { get; set; }

        public string? PostalAddress { get; set; }
    }
}
