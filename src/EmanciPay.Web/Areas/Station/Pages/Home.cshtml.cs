using EmanciPay.Application.Features.Stations;
using EmanciPay.Application.Features.Portal;
using Mediator;

namespace EmanciPay.Web.Areas.Station.Pages;

/// <summary>A station's portal home: its escrow per currency, its supporters, and its Stripe account's state.</summary>
public sealed class HomeModel(ISender sender) : StationPageModel(sender)
{
    public GetPortal.Portal Portal { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var station = await FindStationAsync(cancellationToken);
        Portal = await Sender.Send(new GetPortal.Query(station.Id), cancellationToken);
    }
}
