using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Reconciliation;
using EmanciPay.Domain.Monetary;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Areas.Finance.Pages.Reconciliation;

/// <summary>Finance: one run's progress (updated by a small script while it runs), counts and discrepancies, each settled by an adjusting entry or explained.</summary>
[Authorize(Policy = WebSetup.Finance)]
public sealed class RunModel(ISender sender) : PageModel
{
    public ReconciliationView Run { get; private set; } = null!;

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, CancellationToken ct)
    {
        try
        {
            Run = await sender.Send(new GetReconciliation.Query(id), ct);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    public Task<IActionResult> OnPostAdjustAsync([FromRoute] Guid id, Guid? discrepancyId, string? note, CancellationToken ct) =>
        ResolveAsync(id, () => sender.Send(new AdjustDiscrepancy.Command(discrepancyId ?? Guid.Empty, note), ct).AsTask(), "settled by an adjusting entry through suspense", ct);

    public Task<IActionResult> OnPostExplainAsync([FromRoute] Guid id, Guid? discrepancyId, string? note, CancellationToken ct) =>
        ResolveAsync(id, () => sender.Send(new ExplainDiscrepancy.Command(discrepancyId ?? Guid.Empty, note), ct).AsTask(), "marked explained", ct);

    public string Amounts(long? amount, long? fee, string currency)
    {
        if (amount is null)
        {
            return "none";
        }

        return $"{MoneyFormat.Format(amount.Value, currency)} (fee {MoneyFormat.Format(fee ?? 0, currency)})";
    }

    private async Task<IActionResult> ResolveAsync(Guid id, Func<Task<DiscrepancyView>> resolve, string outcome, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // A discrepancy id that is not one: the page again, naming the field, or 404 for a run that does not exist.
            ModelState.AddModelError("discrepancyId", "Choose a discrepancy from the list.");
            return await OnGetAsync(id, ct);
        }

        try
        {
            var resolved = await resolve();
            Done = $"The discrepancy on {resolved.SourceId} is {outcome}.";
        }
        catch (ValidationException refused)
        {
            foreach (var error in refused.Errors)
            {
                ModelState.AddModelError(error.PropertyName == "Note" ? "note" : string.Empty, error.ErrorMessage);
            }
        }
        catch (NotFoundException)
        {
            ModelState.AddModelError(string.Empty, "That discrepancy no longer exists.");
        }

        return await OnGetAsync(id, ct);
    }
}
