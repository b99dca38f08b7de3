using EmanciPay.Application.Features.Connect;
using EmanciPay.Application.Payments;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace EmanciPay.Web.Areas.Station.Pages.Connect;

/// <summary>
/// Where Stripe sends a manager back after onboarding, finished or not: the account is read from Stripe now (its
/// event may come later) and where it stands is shown. Coming back says nothing of whether onboarding was completed.
/// </summary>
public sealed class ReturnModel(ISender sender) : ConnectPageModel(sender)
{
    public bool ReadFromStripe { get; private set; } = true;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var station = await StationAsync(slug, ct);
        try
        {
            await Sender.Send(new RefreshAccount.Command(station.Id), ct);
        }
        catch (PaymentProviderUnavailableException)
        {
            // What Stripe last told us is still worth showing; its event will bring the rest.
            ReadFromStripe = false;
        }

        return await ShowAsync(station.Id, ct);
    }
}
