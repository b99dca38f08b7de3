using EmanciPay.Application.Features.Stations;
using EmanciPay.Application.Features.Connect;
using EmanciPay.Application.Payments;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Areas.Station.Pages.Connect;

/// <summary>
/// The station portal's Stripe Connect pages, addressed by slug. Which station a manager may see or change is the
/// messages' rule (another station's manager is refused there, and sent to the access-denied page); a slug that names
/// no station is 404.
/// </summary>
[Authorize(Policy = WebSetup.StationManager)]
public abstract class ConnectPageModel(ISender sender) : PageModel
{
    /// <summary>Shown with a 502 when Stripe could not be reached.</summary>
    public const string StripeUnavailable = "Stripe, our payment processor, could not be reached just now, so onboarding could not start. Nothing was lost: please try again in a minute.";

    protected ISender Sender { get; } = sender;

    public GetConnectStatus.Result Status { get; private set; } = null!;

    public string? Error { get; private set; }

    protected Task<FindStation.Result> StationAsync(string slug, CancellationToken ct) => Sender.Send(new FindStation.Query(slug), ct).AsTask();

    protected async Task<IActionResult> ShowAsync(Guid stationId, CancellationToken ct)
    {
        Status = await Sender.Send(new GetConnectStatus.Query(stationId), ct);
        return Page();
    }

    /// <summary>Sends the manager to a fresh onboarding link, or shows the page again with why it could not be made.</summary>
    protected async Task<IActionResult> OnboardAsync(Guid stationId, CancellationToken ct)
    {
        try
        {
            var link = await Sender.Send(new StartOnboarding.Command(stationId), ct);
            return Redirect(link.Url.ToString());
        }
        catch (FluentValidation.ValidationException refused)
        {
            Error = string.Join(" ", refused.Errors.Select(e => e.ErrorMessage));
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (PaymentProviderUnavailableException)
        {
            Error = StripeUnavailable;
            Response.StatusCode = StatusCodes.Status502BadGateway;
        }

        return await ShowAsync(stationId, ct);
    }
}
