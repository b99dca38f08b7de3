using EmanciPay.Application.Features.Claims;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Pages.Claims;

/// <summary>The signed-in user's claims and their history; a claim still waiting for its address can have its link sent again.</summary>
[Authorize]
public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<GetMyClaims.Claim> Claims { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public Guid? Submitted { get; set; }

    public bool Resent { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Claims = await sender.Send(new GetMyClaims.Query(), ct);

    public async Task<IActionResult> OnPostResendAsync(Guid claim, CancellationToken ct)
    {
        try
        {
            await sender.Send(new ResendClaimEmailLink.Command(claim), ct);
            Resent = true;
        }
        catch (ValidationException refusal)
        {
            FormErrors.Add(ModelState, refusal);
        }

        Claims = await sender.Send(new GetMyClaims.Query(), ct);
        return Page();
    }
}
