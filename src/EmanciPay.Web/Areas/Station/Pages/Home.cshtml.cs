using EmanciPay.Application.Features.Stations;
using EmanciPay.Application.Features.Portal;
using EmanciPay.Application.Features.Terms;
using Mediator;

namespace EmanciPay.Web.Areas.Station.Pages;

/// <summary>A station's portal home: its escrow per currency, its supporters, its Stripe account's state, and its agreement to the listeners' terms.</summary>
public sealed class HomeModel(ISender sender) : StationPageModel(sender)
{
    public GetPortal.Portal Portal { get; private set; } = null!;

    /// <summary>The station's signed agreement to the listeners' terms; null until a manager agrees.</summary>
    public AgreementView? Agreement { get; private set; }

    public IReadOnlyList<GetTermsRoster.TermView> Roster { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var station = await FindStationAsync(cancellationToken);
        Portal = await Sender.Send(new GetPortal.Query(station.Id), cancellationToken);
        Agreement = await Sender.Send(new GetOwnAgreement.Query(station.Id), cancellationToken);
        Roster = await Sender.Send(new GetTermsRoster.Query(), cancellationToken);
    }
}
