using System.Security.Claims;
using EmanciPay.Application.Features.Pledges;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Pages.Listener;

/// <summary>My giving: every pledge and payment of the signed-in listener, cancelling a monthly pledge, and resuming or removing one left at checkout.</summary>
[Authorize]
public sealed class GivingModel(ISender sender) : PageModel
{
    public IReadOnlyList<GetMyGiving.PledgeRow> Pledges { get; private set; } = [];

    /// <summary>The stations a gift to a station that has not claimed it may go to instead; loaded only when some pledge can still choose.</summary>
    public IReadOnlyList<ListFallbackStations.Station> Fallbacks { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Pledges = await sender.Send(new GetMyGiving.Query(User.FindFirstValue(ClaimTypes.NameIdentifier)!), ct);
        if (Pledges.Any(p => !p.StationDecided))
        {
            Fallbacks = await sender.Send(new ListFallbackStations.Query(), ct);
        }
    }

    /// <summary>What happens at the deadline to a gift its station has not claimed: a refund (empty) or the chosen station.</summary>
    public async Task<IActionResult> OnPostFallbackAsync(Guid pledgeId, string? fallback, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return NotFound();
        }

        try
        {
            var chosen = await sender.Send(new ChooseFallback.Command(pledgeId, fallback), ct);
            Notice = chosen.Fallback is null
                ? "Saved: if the station has not claimed your gift by the deadline, you get a full refund."
                : "Saved: if the station has not claimed your gift by the deadline, it goes to the station you chose.";
        }
        catch (ValidationException refused)
        {
            Notice = string.Join(" ", refused.Errors.Select(e => e.ErrorMessage));
        }

        return RedirectToPage();
    }

    /// <summary>A pledge id that is not one names no pledge: 404, as for an unknown or another listener's pledge.</summary>
    public async Task<IActionResult> OnPostCancelAsync(Guid pledgeId, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return NotFound();
        }

        try
        {
            await sender.Send(new CancelPledge.Command(pledgeId, User.FindFirstValue(ClaimTypes.NameIdentifier)!, Token: null), ct);
            Notice = "Your monthly pledge is cancelled. Nothing more will be charged.";
        }
        catch (ValidationException refused)
        {
            Notice = string.Join(" ", refused.Errors.Select(e => e.ErrorMessage));
        }

        return RedirectToPage();
    }

    /// <summary>A pledge left at checkout is removed: its checkout is closed first, so it can no longer be paid.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(Guid pledgeId, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return NotFound();
        }

        try
        {
            await sender.Send(new RemovePendingPledge.Command(pledgeId, User.FindFirstValue(ClaimTypes.NameIdentifier)!), ct);
            Notice = "The pledge is removed. Nothing was charged.";
        }
        catch (ValidationException refused)
        {
            Notice = string.Join(" ", refused.Errors.Select(e => e.ErrorMessage));
        }

        return RedirectToPage();
    }
}
