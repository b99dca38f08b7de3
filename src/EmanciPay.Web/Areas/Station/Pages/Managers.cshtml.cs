using EmanciPay.Application.Features.Stations;
using EmanciPay.Application.Features.Portal;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace EmanciPay.Web.Areas.Station.Pages;

/// <summary>Who manages the station and who is invited; a manager invites another address here.</summary>
public sealed class ManagersModel(ISender sender) : StationPageModel(sender)
{
    [BindProperty]
    public string? Email { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public GetStationManagers.Managers Managers { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var station = await FindStationAsync(cancellationToken);
        try
        {
            var invited = await Sender.Send(new InviteManager.Command(station.Id, Email), cancellationToken);
            Notice = $"We sent an invitation to {invited.Email}. Its link works once, until {invited.ExpiresAt:MMMM d, yyyy}.";
            return RedirectToPage();
        }
        catch (ValidationException invalid)
        {
            foreach (var error in invalid.Errors)
            {
                ModelState.AddModelError(nameof(Email), error.ErrorMessage);
            }
        }

        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public string? EmailError => ModelState[nameof(Email)] is { Errors.Count: > 0 } entry ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var station = await FindStationAsync(cancellationToken);
        Managers = await Sender.Send(new GetStationManagers.Query(station.Id), cancellationToken);
    }
}
