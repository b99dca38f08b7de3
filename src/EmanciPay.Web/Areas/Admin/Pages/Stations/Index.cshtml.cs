using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Stations;
using EmanciPay.Web.Pages;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Areas.Admin.Pages.Stations;

/// <summary>
/// Admins: stations users proposed, to list; and a station's statement that it cannot or will not join, which refunds
/// its escrow.
/// </summary>
[Authorize(Policy = WebSetup.Admin)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListProposedStations.Proposal> Proposals { get; private set; } = [];

    [BindProperty]
    public DeclineInput Input { get; set; } = new();

    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Proposals = await sender.Send(new ListProposedStations.Query(), ct);

    public Task<IActionResult> OnPostListAsync(string? slug, CancellationToken ct) =>
        ActAsync(async () => { await sender.Send(new ListStation.Command(slug ?? ""), ct); Done = $"{slug} is listed."; }, ct);

    public Task<IActionResult> OnPostDeclineAsync(CancellationToken ct) =>
        ActAsync(async () =>
        {
            var declined = await sender.Send(new DeclineStation.Command(Input.Slug ?? "", Input.Reason), ct);
            Done = $"{declined.Slug} declined: {declined.PaymentsToRefund} payment(s) are being refunded and {declined.PaymentsToMove} moved to the station their listener chose.";
            Input = new();
        }, ct);

    public string? Invalid(string field) => FormErrors.Invalid(ModelState, $"Input.{field}");

    private async Task<IActionResult> ActAsync(Func<Task> act, CancellationToken ct)
    {
        try
        {
            await act();
        }
        catch (ValidationException refusal)
        {
            FormErrors.Add(ModelState, refusal, nameof(DeclineInput.Reason));
        }
        catch (NotFoundException missing)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(DeclineInput.Slug)}", $"There is no station '{missing.Key}'.");
        }

        Proposals = await sender.Send(new ListProposedStations.Query(), ct);
        return Page();
    }

    public sealed class DeclineInput
    {
        public string? Slug { get; set; }

        public string? Reason { get; set; }
    }
}
