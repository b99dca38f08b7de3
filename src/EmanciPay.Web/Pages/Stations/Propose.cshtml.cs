using EmanciPay.Application.Features.Stations;
using EmanciPay.Web.Pages;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Pages.Stations;

/// <summary>A signed-in user proposes a station missing from the directory; an admin accepts it before it is listed.</summary>
[Authorize]
public sealed class ProposeModel(ISender sender) : PageModel
{
    [BindProperty]
    public ProposalInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var proposed = await sender.Send(new ProposeStation.Command(Input.CallSign, Input.Name, Input.Frequency, Input.City, Input.State, Input.Website), ct);
            return Redirect($"/stations/{Uri.EscapeDataString(proposed.Slug)}/claim");
        }
        catch (ValidationException refusal)
        {
            FormErrors.Add(ModelState, refusal, nameof(ProposalInput.CallSign), nameof(ProposalInput.Name), nameof(ProposalInput.Frequency), nameof(ProposalInput.City), nameof(ProposalInput.State), nameof(ProposalInput.Website));
            return Page();
        }
    }

    public string? Invalid(string field) => FormErrors.Invalid(ModelState, $"Input.{field}");

    public sealed class ProposalInput
    {
        public string? CallSign { get; set; }

        public string? Name { get; set; }

        public string? Frequency { get; set; }

        public string? City { get; set; }

        public string? State { get; set; }

        public string? Website { get; set; }
    }
}
