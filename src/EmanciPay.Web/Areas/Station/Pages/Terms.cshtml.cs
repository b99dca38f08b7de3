using EmanciPay.Application.Features.Terms;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace EmanciPay.Web.Areas.Station.Pages;

/// <summary>
/// The listeners' terms the station honours and its signed agreement. A station that claimed before the roster
/// existed (or before a term's version changed) agrees here; its portal home asks it to before its next payout.
/// </summary>
public sealed class TermsModel(ISender sender) : StationPageModel(sender)
{
    public AgreementView? Agreement { get; private set; }

    public IReadOnlyList<GetTermsRoster.TermView> Roster { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var station = await FindStationAsync(cancellationToken);
        Agreement = await Sender.Send(new GetOwnAgreement.Query(station.Id), cancellationToken);
        Roster = await Sender.Send(new GetTermsRoster.Query(), cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var station = await FindStationAsync(cancellationToken);
        await Sender.Send(new AgreeToTerms.Command(station.Id), cancellationToken);
        return Redirect($"/manage/{Uri.EscapeDataString(station.Slug)}");
    }
}
