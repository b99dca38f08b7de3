using EmanciPay.Application.Features.Claims;
using EmanciPay.Web.Pages;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Areas.Admin.Pages.Claims;

/// <summary>Admins: claims by status, competing claims for one station side by side, approve or reject with a reason.</summary>
[Authorize(Policy = WebSetup.Admin)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public static readonly IReadOnlyList<string> Statuses = ["pending", "awaiting_email", "approved", "rejected"];

    /// <summary>The status asked for in the address (?status=), pending when none or an unknown one; not a bound property, so a missing one is no error.</summary>
    public string Status => Request.Query["status"].ToString() is var asked && Statuses.Contains(asked) ? asked : "pending";

    public IReadOnlyList<IGrouping<string, ListClaims.Claim>> Stations { get; private set; } = [];

    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostApproveAsync(Guid claim, CancellationToken ct) =>
        DecideAsync(async () => Done = Approved((await sender.Send(new ApproveClaim.Command(claim), ct)).ListenersToTell), ct);

    public Task<IActionResult> OnPostRejectAsync(Guid claim, string? reason, CancellationToken ct) =>
        DecideAsync(async () => { await sender.Send(new RejectClaim.Command(claim, reason), ct); Done = "Rejected."; }, ct);

    private async Task<IActionResult> DecideAsync(Func<Task> decide, CancellationToken ct)
    {
        try
        {
            await decide();
        }
        catch (ValidationException refusal)
        {
            FormErrors.Add(ModelState, refusal);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var claims = await sender.Send(new ListClaims.Query(Status), ct);
        Stations = claims.GroupBy(c => c.Station).ToList();
    }

    private static string Approved(int listenersToTell) => listenersToTell switch
    {
        0 => "Approved. Nobody has given to the station yet, so no listener is told.",
        1 => "Approved: the one listener who gave to the station is being told.",
        _ => $"Approved: the {listenersToTell} listeners who gave to the station are being told.",
    };
}
