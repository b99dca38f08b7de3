using System.Security.Claims;
using EmanciPay.Application.Features.Pledges;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Pages.Listener;

/// <summary>My giving: every pledge and payment of the signed-in listener, and cancelling a monthly pledge.</summary>
[Authorize]
public sealed class GivingModel(ISender sender) : PageModel
{
    public IReadOnlyList<GetMyGiving.PledgeRow> Pledges { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Pledges = await sender.Send(new GetMyGiving.Query(User.FindFirstValue(ClaimTypes.NameIdentifier)!), ct);

    public async Task<IActionResult> OnPostCancelAsync(Guid pledgeId, CancellationToken ct)
    {
        await sender.Send(new CancelPledge.Command(pledgeId, User.FindFirstValue(ClaimTypes.NameIdentifier)!, Token: null), ct);
        Notice = "Your monthly pledge is cancelled. Nothing more will be charged.";
        return RedirectToPage();
    }
}
