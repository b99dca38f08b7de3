using EmanciPay.Application.Features.Terms;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Pages.Listener;

/// <summary>The listener's own terms, chosen once for every station they give to, and changed here at any time.</summary>
[Authorize]
public sealed class TermsModel(ISender sender) : PageModel
{
    public GetMyTerms.MyTerms Current { get; private set; } = null!;

    public IReadOnlyList<GetTermsRoster.TermView> Roster { get; private set; } = [];

    [BindProperty]
    public TermsInput Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input = new TermsInput { Display = Current.Display, Contact = Current.Contact, NoSharing = Current.NoSharing, NoGifts = Current.NoGifts, NoAsksThisYear = Current.NoAsksThisYear };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            await sender.Send(new SetMyTerms.Command(Input.Display, Input.Contact, Input.NoSharing, Input.NoGifts, Input.NoAsksThisYear), ct);
            Notice = "Your terms are saved. Every station you give to sees you by them from now on.";
            return RedirectToPage();
        }
        catch (ValidationException refusal)
        {
            FormErrors.Add(ModelState, refusal, nameof(TermsInput.Display), nameof(TermsInput.Contact));
            await LoadAsync(ct);
            return Page();
        }
    }

    public IEnumerable<GetTermsRoster.TermView> OfChoice(string choice) => Roster.Where(t => t.Choice == choice);

    public GetTermsRoster.TermView Term(string id) => Roster.Single(t => t.Id == id);

    /// <summary>The form's value for a term of a choice: the words the API uses.</summary>
    public static string ValueOf(GetTermsRoster.TermView term) => term.Id switch
    {
        "cc-anonymous" => "anonymous",
        "cc-display-name" => "show-name",
        "cc-contact-email-post" => "email-or-post",
        "cc-contact-none" => "none",
        _ => "email-only",
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        Current = await sender.Send(new GetMyTerms.Query(), ct);
        Roster = await sender.Send(new GetTermsRoster.Query(), ct);
    }

    public sealed class TermsInput
    {
        public string? Display { get; set; }

        public string? Contact { get; set; }

        public bool NoSharing { get; set; } = true;

        public bool NoGifts { get; set; }

        public bool NoAsksThisYear { get; set; }
    }
}
