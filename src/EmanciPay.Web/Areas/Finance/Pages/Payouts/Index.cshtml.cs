using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Payouts;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Areas.Finance.Pages.Payouts;

/// <summary>Finance: payouts above the approval limit, to approve or reject with a reason. Nobody decides on a payout they requested.</summary>
[Authorize(Policy = WebSetup.Finance)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListPayoutsAwaitingApproval.Item> Waiting { get; private set; } = [];

    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Waiting = await sender.Send(new ListPayoutsAwaitingApproval.Query(), ct);

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) =>
        DecideAsync(() => sender.Send(new ApprovePayout.Command(id), ct).AsTask(), "approved: its transfer follows shortly", ct);

    public Task<IActionResult> OnPostRejectAsync(Guid id, string? reason, CancellationToken ct) =>
        DecideAsync(() => sender.Send(new RejectPayout.Command(id, reason), ct).AsTask(), "rejected: the station's managers are told why", ct);

    private async Task<IActionResult> DecideAsync(Func<Task<PayoutView>> decide, string outcome, CancellationToken ct)
    {
        try
        {
            var payout = await decide();
            Done = $"Payout {payout.Id} {outcome}.";
        }
        catch (ValidationException refused)
        {
            foreach (var error in refused.Errors)
            {
                ModelState.AddModelError(error.PropertyName == nameof(RejectPayout.Command.Reason) ? "reason" : string.Empty, error.ErrorMessage);
            }
        }
        catch (NotFoundException)
        {
            ModelState.AddModelError(string.Empty, "That payout no longer exists.");
        }

        await OnGetAsync(ct);
        return Page();
    }
}
