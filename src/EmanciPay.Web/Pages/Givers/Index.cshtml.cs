using EmanciPay.Application.Features.Sharing;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Pages.Givers;

/// <summary>A listener's published page of giving: only the gifts they chose, amounts only where they chose. Never cached, so taking it down is at once.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    public GetGiverPage.Result Giver { get; private set; } = null!;

    public async Task OnGetAsync(string handle, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-cache";
        Giver = await sender.Send(new GetGiverPage.Query(handle), ct);
    }
}
