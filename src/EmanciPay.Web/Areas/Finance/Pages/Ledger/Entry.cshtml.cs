using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Finance;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Areas.Finance.Pages.Ledger;

/// <summary>One journal entry: its cause, its postings and what reversed it (or what it reverses).</summary>
[Authorize(Policy = WebSetup.Finance)]
public sealed class EntryModel(ISender sender) : PageModel
{
    public GetLedgerEntry.Entry Entry { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Entry = await sender.Send(new GetLedgerEntry.Query(id), ct);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    public static string RelationText(string relation) => relation switch
    {
        "reversed-by" => "Reverses this entry",
        "reverses" => "Reversed by this entry",
        _ => "Another step of the same cause",
    };
}
