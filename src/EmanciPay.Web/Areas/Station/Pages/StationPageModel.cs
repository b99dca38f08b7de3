using EmanciPay.Application.Features.Stations;
using EmanciPay.Application.Features.Portal;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Areas.Station.Pages;

/// <summary>
/// A portal page about the station its address names. The page finds the station (an unknown slug is 404) and sends
/// station-scoped messages with its id; whether the signed-in manager manages that station is those messages' rule
/// (another station's manager gets 403).
/// </summary>
[Authorize(Policy = WebSetup.StationManager)]
public abstract class StationPageModel(ISender sender) : PageModel
{
    [FromRoute]
    public string Slug { get; set; } = "";

    protected ISender Sender => sender;

    public FindStation.Result Station { get; private set; } = null!;

    protected async Task<FindStation.Result> FindStationAsync(CancellationToken cancellationToken) =>
        Station = await sender.Send(new FindStation.Query(Slug), cancellationToken);
}
