using System.Security.Claims;
using EmanciPay.Application.Features.Baskets;
using EmanciPay.Application.Features.Pledges;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Pledges;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EmanciPay.Web.Pages.Listener;

/// <summary>
/// My giving: every pledge and payment of the signed-in listener; the donor portal's changes to a monthly or per-use
/// pledge (amount, rate and cap, skip a month, pause and resume, cancel), each from the next basket; and going back to
/// pay, or removing, a pledge left at checkout.
/// </summary>
[Authorize]
public sealed class GivingModel(ISender sender, IOptions<PledgeOptions> options) : PageModel
{
    public IReadOnlyList<GetMyGiving.PledgeRow> Pledges { get; private set; } = [];

    /// <summary>The stations a gift to a station that has not claimed it may go to instead; loaded only when some pledge can still choose.</summary>
    public IReadOnlyList<ListFallbackStations.Station> Fallbacks { get; private set; } = [];

    /// <summary>The change form of one pledge, as typed: shown again, with its errors, in that pledge's row only.</summary>
    [BindProperty]
    public ChangeForm Change { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>A new monthly amount, or a per-use pledge's rate and cap, typed in dollars; from the next basket.</summary>
    public async Task<IActionResult> OnPostChangeAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!ModelState.IsValid || Pledges.FirstOrDefault(p => p.Id == Change.PledgeId) is not { } pledge)
        {
            return NotFound();
        }

        var perUse = pledge.Frequency == PledgeFrequency.PerUse;
        var amount = Dollars(perUse ? Change.Cap : Change.Amount, pledge.Currency, perUse ? nameof(ChangeForm.Cap) : nameof(ChangeForm.Amount));
        var rate = perUse ? Dollars(Change.Rate, pledge.Currency, nameof(ChangeForm.Rate)) : null;
        if (ModelState.ErrorCount > 0)
        {
            return Page();
        }

        try
        {
            await sender.Send(new ChangePledge.Command(pledge.Id, amount, rate, SkipNextMonth: false), ct);
        }
        catch (ValidationException refused)
        {
            foreach (var error in refused.Errors)
            {
                // The command counts in cents; the form is typed in dollars.
                var (field, message) = error.PropertyName switch
                {
                    nameof(ChangePledge.Command.Amount) => (perUse ? nameof(ChangeForm.Cap) : nameof(ChangeForm.Amount), $"Give between {Money(options.Value.MinimumAmount, pledge.Currency)} and {Money(options.Value.MaximumAmount, pledge.Currency)} a month."),
                    nameof(ChangePledge.Command.RatePerHour) => (nameof(ChangeForm.Rate), $"Give at most {Money(PledgePerUse.MaxRatePerHour, pledge.Currency)} an hour."),
                    _ => ("", error.ErrorMessage),
                };
                ModelState.AddModelError(field.Length == 0 ? "" : $"{nameof(Change)}.{field}", message);
            }

            return Page();
        }

        Notice = perUse
            ? $"Your pledge to {pledge.StationName} is now {Money(rate!.Value, pledge.Currency)} an hour, up to {Money(amount!.Value, pledge.Currency)} a month, from your next basket. We have mailed you a confirmation."
            : $"Your pledge to {pledge.StationName} is now {Money(amount!.Value, pledge.Currency)} a month, from your next basket. We have mailed you a confirmation.";
        return RedirectToPage();
    }

    public Task<IActionResult> OnPostSkipAsync(Guid pledgeId, CancellationToken ct) => SendAsync(
        () => sender.Send(new ChangePledge.Command(pledgeId, null, null, SkipNextMonth: true), ct).AsTask(),
        "Next month is skipped: nothing is charged for it. We have mailed you a confirmation.");

    public Task<IActionResult> OnPostPauseAsync(Guid pledgeId, CancellationToken ct) => SendAsync(
        () => sender.Send(new PausePledge.Command(pledgeId), ct).AsTask(),
        "Your pledge is paused: nothing is charged for it until you resume it. We have mailed you a confirmation.");

    public Task<IActionResult> OnPostResumeAsync(Guid pledgeId, CancellationToken ct) => SendAsync(
        () => sender.Send(new ResumePledge.Command(pledgeId), ct).AsTask(),
        "Your pledge is resumed from your next basket. We have mailed you a confirmation.");

    /// <summary>Back to pay a pledge left at checkout: its session if still open, otherwise a new one for the same pledge.</summary>
    public async Task<IActionResult> OnPostCheckoutAsync(Guid pledgeId, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return NotFound();
        }

        try
        {
            var checkout = await sender.Send(new ResumeCheckout.Command(pledgeId, ListenerId), ct);
            return Redirect(checkout.CheckoutUrl.ToString());
        }
        catch (ValidationException refused)
        {
            Notice = string.Join(" ", refused.Errors.Select(e => e.ErrorMessage));
            return RedirectToPage();
        }
    }

    /// <summary>"true" for a field of <paramref name="pledgeId"/>'s change form to correct; null otherwise (and for every other pledge's form).</summary>
    public string? Invalid(Guid pledgeId, string field) => Posted(pledgeId) ? FormErrors.Invalid(ModelState, $"{nameof(Change)}.{field}") : null;

    public string? ErrorOf(Guid pledgeId, string field) =>
        Posted(pledgeId) && ModelState[$"{nameof(Change)}.{field}"] is { Errors.Count: > 0 } entry ? entry.Errors[0].ErrorMessage : null;

    /// <summary>Every error of the form posted, with the field it belongs to (empty for the form as a whole), for the summary at the top.</summary>
    public IEnumerable<(string Field, string Message)> Errors =>
        ModelState.Where(e => e.Value!.Errors.Count > 0).SelectMany(e => e.Value!.Errors.Select(x => (e.Key.StartsWith(nameof(Change) + ".", StringComparison.Ordinal) ? e.Key[(nameof(Change).Length + 1)..] : "", x.ErrorMessage)));

    /// <summary>What a field of a pledge's change form shows: what was typed into the form posted, the pledge's current value otherwise.</summary>
    public string FieldValue(GetMyGiving.PledgeRow pledge, string field) => Posted(pledge.Id)
        ? field switch { nameof(ChangeForm.Rate) => Change.Rate, nameof(ChangeForm.Cap) => Change.Cap, _ => Change.Amount } ?? ""
        : Plain(field == nameof(ChangeForm.Rate) ? pledge.RatePerHour ?? 0 : pledge.Amount, pledge.Currency);

    /// <summary>The id of a pledge's change field, which the error summary links to.</summary>
    public static string FieldId(string field, Guid pledgeId) => $"{field.ToLowerInvariant()}-{pledgeId}";

    private bool Posted(Guid pledgeId) => Change.PledgeId == pledgeId && !ModelState.IsValid;

    private string ListenerId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static string Money(long minorUnits, string currency) => MoneyFormat.Format(minorUnits, currency);

    /// <summary>An amount as a listener would type it: "12.50", no currency sign.</summary>
    private static string Plain(long minorUnits, string currency) => Money(minorUnits, currency).TrimStart('$');

    private long? Dollars(string? typed, string currency, string field)
    {
        if (MoneyFormat.TryParse(typed, currency, out var amount) && amount > 0)
        {
            return amount;
        }

        ModelState.AddModelError($"{nameof(Change)}.{field}", "Enter an amount in dollars, like 5 or 0.10.");
        return null;
    }

    private async Task<IActionResult> SendAsync(Func<Task> send, string done)
    {
        if (!ModelState.IsValid)
        {
            return NotFound();
        }

        try
        {
            await send();
            Notice = done;
        }
        catch (ValidationException refused)
        {
            Notice = string.Join(" ", refused.Errors.Select(e => e.ErrorMessage));
        }

        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Pledges = await sender.Send(new GetMyGiving.Query(ListenerId), ct);
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

    public sealed class ChangeForm
    {
        public Guid PledgeId { get; set; }

        /// <summary>A monthly pledge's new amount, in dollars as typed.</summary>
        public string? Amount { get; set; }

        /// <summary>A per-use pledge's new rate, dollars an hour as typed.</summary>
        public string? Rate { get; set; }

        /// <summary>A per-use pledge's new cap, dollars a month as typed.</summary>
        public string? Cap { get; set; }
    }
}
