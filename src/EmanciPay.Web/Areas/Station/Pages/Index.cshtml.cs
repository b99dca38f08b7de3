using EmanciPay.Application.Features.Portal;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Areas.Station.Pages;

/// <summary>The stations the signed-in manager manages, each a link to its portal.</summary>
[Authorize(Policy = WebSetup.StationManager)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<GetMyStations.Station> Stations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Stations = await sender.Send(new GetMyStations.Query(), cancellationToken);
}
