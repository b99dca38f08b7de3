using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace EmanciPay.Web.Areas.Station.Pages.Connect;

/// <summary>Where the station stands with Stripe Connect, and the button that starts or goes on with onboarding.</summary>
public sealed class IndexModel(ISender sender) : ConnectPageModel(sender)
{
    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await ShowAsync((await StationAsync(slug, ct)).Id, ct);

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct) => await OnboardAsync((await StationAsync(slug, ct)).Id, ct);
}
