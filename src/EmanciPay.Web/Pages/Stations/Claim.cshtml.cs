using EmanciPay.Application.Features.Claims;
using EmanciPay.Application.Features.Stations;
using EmanciPay.Application.Features.Terms;
using EmanciPay.Web.Pages;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Pages.Stations;

/// <summary>A signed-in user claims a station with evidence; the claim then waits for the mailed link and an admin.</summary>
[Authorize]
public sealed class ClaimModel(ISender sender) : PageModel
{
    public GetStation.Result Station { get; private set; } = null!;

    [BindProperty]
    public ClaimInput Input { get; set; } = new();

    /// <summary>The domain the address must be at; null when the station has no website.</summary>
    public string? Domain => ClaimEvidence.StationDomain(Station.Website);

    /// <summary>The listeners' terms a station agrees to honour by claiming.</summary>
    public IReadOnlyList<GetTermsRoster.TermView> Roster { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        Station = await sender.Send(new GetStation.Query(slug), ct);
        Roster = await sender.Send(new GetTermsRoster.Query(), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        Station = await sender.Send(new GetStation.Query(slug), ct);
        Roster = await sender.Send(new GetTermsRoster.Query(), ct);
        try
        {
            var claim = await sender.Send(new SubmitClaim.Command(Station.Slug, Input.Email, Input.Phone, Input.Note, Input.AgreeToTerms), ct);
            return Redirect($"/claims?submitted={claim.Id}");
        }
        catch (ValidationException refusal)
        {
            FormErrors.Add(ModelState, refusal, nameof(ClaimInput.Email), nameof(ClaimInput.Phone), nameof(ClaimInput.Note), nameof(ClaimInput.AgreeToTerms));
            return Page();
        }
    }

    public string? Invalid(string field) => FormErrors.Invalid(ModelState, $"Input.{field}");

    /// <summary>What to correct in a field, shown under it; null when it is fine.</summary>
    public string? ErrorOf(string field) => FormErrors.Of(ModelState, $"Input.{field}");

    /// <summary>A field's aria-describedby: its hint, then its error's message when it has one.</summary>
    public string? DescribedBy(string field, string? hint = null) => FormErrors.DescribedBy(ModelState, $"Input.{field}", ErrorId(field), hint);

    public static string ErrorId(string field) => $"{field.ToLowerInvariant()}-error";

    public sealed class ClaimInput
    {
        public string? Email { get; set; }

        public string? Phone { get; set; }

        public string? Note { get; set; }

        public bool AgreeToTerms { get; set; }
    }
}
