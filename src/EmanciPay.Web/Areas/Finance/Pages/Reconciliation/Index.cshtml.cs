using System.Globalization;
using EmanciPay.Application.Features.Reconciliation;
using FluentValidation;
using EmanciPay.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Areas.Finance.Pages.Reconciliation;

/// <summary>Finance: start a reconciliation run, see the latest ones, lock a month that has ended or reopen a locked one.</summary>
[Authorize(Policy = WebSetup.Finance)]
public sealed class IndexModel(ISender sender, TimeProvider clock) : PageModel
{
    public ListReconciliations.Result List { get; private set; } = new([], 0, []);

    public string? Done { get; private set; }

    /// <summary>The handler whose form was refused ("Lock" or "Unlock" share the field "month"), to mark its fields.</summary>
    public string? Refused { get; private set; }

    public string DefaultFrom => Today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string DefaultTo => Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task OnGetAsync(CancellationToken ct) => List = await sender.Send(new ListReconciliations.Query(), ct);

    public async Task<IActionResult> OnPostStartAsync(string? from, string? to, CancellationToken ct)
    {
        try
        {
            var id = await sender.Send(new StartReconciliation.Command(Day(from), Day(to)), ct);
            return Redirect($"/finance/reconciliation/runs/{id}");
        }
        catch (ValidationException refused)
        {
            AddErrors("Start", refused);
        }

        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostLockAsync(string? month, CancellationToken ct)
    {
        try
        {
            var locked = await sender.Send(new LockPeriod.Command(month), ct);
            Done = $"{locked:yyyy-MM} is locked.";
        }
        catch (ValidationException refused)
        {
            AddErrors("Lock", refused);
        }

        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostUnlockAsync(string? month, string? reason, CancellationToken ct)
    {
        try
        {
            var unlocked = await sender.Send(new UnlockPeriod.Command(month, reason), ct);
            Done = $"{unlocked:yyyy-MM} is open again: postings into it are accepted until it is locked anew.";
        }
        catch (ValidationException refused)
        {
            AddErrors("Unlock", refused);
        }

        await OnGetAsync(ct);
        return Page();
    }

    /// <summary>"true" on a field of the refused form that has an error, for aria-invalid (and the focus); null otherwise.</summary>
    public string? Invalid(string handler, string field) => Refused == handler ? FormErrors.Invalid(ModelState, field) : null;

    private void AddErrors(string handler, ValidationException refused)
    {
        Refused = handler;

        // Two rules of a field may give the same words (an empty month and a malformed one): say them once.
        foreach (var error in refused.Errors.DistinctBy(e => (e.PropertyName.ToLowerInvariant(), e.ErrorMessage)))
        {
            ModelState.AddModelError(error.PropertyName.ToLowerInvariant(), error.ErrorMessage);
        }
    }

    private static DateTimeOffset? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null;
}
