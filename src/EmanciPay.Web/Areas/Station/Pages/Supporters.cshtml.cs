using EmanciPay.Application.Features.Portal;
using Mediator;

namespace EmanciPay.Web.Areas.Station.Pages;

/// <summary>The station's supporters, one line per pledge, each only as the listener's current terms allow.</summary>
public sealed class SupportersModel(ISender sender) : StationPageModel(sender)
{
    public IReadOnlyList<GetStationSupporters.Supporter> Supporters { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var station = await FindStationAsync(cancellationToken);
        Supporters = await Sender.Send(new GetStationSupporters.Query(station.Id), cancellationToken);
    }
}
