using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace EmanciPay.Web.Areas.Station.Pages.Connect;

/// <summary>
/// Where Stripe sends a manager whose onboarding link was used or expired (links work once, for minutes): a new link is
/// made and the manager goes straight back to Stripe. A GET, because Stripe redirects the browser here.
/// </summary>
public sealed class RefreshModel(ISender sender) : ConnectPageModel(sender)
{
    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await OnboardAsync((await StationAsync(slug, ct)).Id, ct);
}
