using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Finance;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Areas.Finance.Pages.Statements;

/// <summary>One station's escrow statement over a period: opening and closing balances, and the postings between, newest first.</summary>
[Authorize(Policy = WebSetup.Finance)]
public sealed class StationModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Slug { get; set; } = "";

    [BindProperty(SupportsGet = true, Name = "from")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public GetEscrowStatement.Statement? Statement { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            Statement = await sender.Send(new GetEscrowStatement.Query(Slug, From, To, Cursor), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ValidationException invalid)
        {
            foreach (var error in invalid.Errors)
            {
                ModelState.AddModelError(error.PropertyName.ToLowerInvariant(), error.ErrorMessage);
            }
        }

        return Page();
    }

    public string? ErrorOf(string field) => FinanceForms.ErrorOf(ModelState, field);

    public string Period => FinanceForms.Query([new("from", FinanceForms.Day(From)), new("to", FinanceForms.Day(To))]);

    public string NextPage(string cursor) => FinanceForms.Query([new("from", FinanceForms.Day(From)), new("to", FinanceForms.Day(To)), new("cursor", cursor)]);
}
