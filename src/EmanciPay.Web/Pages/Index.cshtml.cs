using EmanciPay.Application.Features.Stations;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Pages;

public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public SearchStations.Result Result { get; private set; } = new([], 1, SearchStations.PageSize, 0);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Result = await sender.Send(new SearchStations.Query(Q, PageNumber), cancellationToken);
        }
        catch (ValidationException validation)
        {
            foreach (var error in validation.Errors)
            {
                ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
            }
        }
    }
}
