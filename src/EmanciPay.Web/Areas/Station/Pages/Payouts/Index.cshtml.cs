using EmanciPay.Application.Features.Stations;
using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Features.Payouts;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payouts;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using EmanciPay.Web.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EmanciPay.Web.Areas.Station.Pages.Payouts;

/// <summary>A station's payouts: what is available, the history with each outcome and reason, a request form and the automatic schedule.</summary>
[Authorize(Policy = WebSetup.StationManager)]
public sealed class IndexModel(ISender sender, IOptions<PledgeOptions> pledges) : PageModel
{
    public FindStation.Result Station { get; private set; } = null!;

    public ListPayouts.Result Payouts { get; private set; } = null!;

    public IReadOnlyList<string> Currencies => pledges.Value.Currencies;

    [BindProperty]
    public RequestForm Ask { get; set; } = new();

    [BindProperty]
    public ScheduleForm Schedule { get; set; } = new();

    public string? Done { get; private set; }

    public async Task OnGetAsync(string slug, CancellationToken ct)
    {
        await LoadAsync(slug, ct);
        Ask = new RequestForm { Currency = Currencies[0], Amount = AvailableIn(Currencies[0]) is > 0 and var all ? MoneyFormat.Format(all, Currencies[0]) : null };
        if (Payouts.Schedules.Count > 0 && Payouts.Schedules[0] is var schedule)
        {
            Schedule = new ScheduleForm { Currency = schedule.Currency, Frequency = schedule.Frequency.ToString().ToLowerInvariant(), Minimum = MoneyFormat.Format(schedule.MinimumAmount, schedule.Currency) };
        }
    }

    public async Task<IActionResult> OnPostRequestAsync(string slug, CancellationToken ct)
    {
        await LoadAsync(slug, ct);
        if (!IsOffered(Ask.Currency, "Ask.Currency"))
        {
            return Page();
        }

        long? amount = null;
        if (!string.IsNullOrWhiteSpace(Ask.Amount))
        {
            if (!MoneyFormat.TryParse(Ask.Amount, Ask.Currency ?? Currencies[0], out var parsed))
            {
                ModelState.AddModelError("Ask.Amount", "Enter an amount like 120 or 120.50, or leave it empty to pay out everything available.");
                return Page();
            }

            amount = parsed;
        }

        try
        {
            var payout = await sender.Send(new RequestPayout.Command(Station.Id, amount, Ask.Currency, Ask.IdempotencyKey ?? ""), ct);
            Done = payout.Status == "awaiting_approval"
                ? $"Payout of {MoneyFormat.Format(payout.Amount, payout.Currency)} requested. It is above the approval limit, so finance will look at it first."
                : $"Payout of {MoneyFormat.Format(payout.Amount, payout.Currency)} requested. It is on its way to your Stripe account.";
            await LoadAsync(slug, ct);
            Ask = new RequestForm { Currency = Ask.Currency };
        }
        catch (ValidationException refused)
        {
            AddErrors("Ask", refused);
        }
        catch (IdempotencyKeyInUseException)
        {
            ModelState.AddModelError(string.Empty, "Your request is still being made. Look at the history below in a moment.");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostScheduleAsync(string slug, CancellationToken ct)
    {
        await LoadAsync(slug, ct);
        if (!IsOffered(Schedule.Currency, "Schedule.Currency"))
        {
            return Page();
        }

        var currency = Schedule.Currency ?? Currencies[0];
        PayoutFrequency? frequency = Schedule.Frequency switch
        {
            "weekly" => PayoutFrequency.Weekly,
            "monthly" => PayoutFrequency.Monthly,
            _ => null,
        };
        long minimum = 0;
        if (frequency is not null && !string.IsNullOrWhiteSpace(Schedule.Minimum) && !MoneyFormat.TryParse(Schedule.Minimum, currency, out minimum))
        {
            ModelState.AddModelError("Schedule.Minimum", "Enter a minimum like 100 or 100.50, or leave it empty to pay out any amount.");
            return Page();
        }

        try
        {
            await sender.Send(new SetPayoutSchedule.Command(Station.Id, Schedule.Currency, frequency, frequency is null ? null : minimum), ct);
            Done = frequency is null ? "Automatic payouts are off." : $"Automatic payouts are set: {Schedule.Frequency}, when at least {MoneyFormat.Format(minimum, currency)} is available.";
            await LoadAsync(slug, ct);
        }
        catch (ValidationException refused)
        {
            AddErrors("Schedule", refused);
        }

        return Page();
    }

    public long AvailableIn(string currency) => Payouts.Escrow.FirstOrDefault(e => e.Currency == currency)?.Amount ?? 0;

    /// <summary>"true" on a field to correct, for aria-invalid; null (no attribute) otherwise.</summary>
    public string? Invalid(string field) => FormErrors.Invalid(ModelState, field);

    /// <summary>An empty currency is the first one offered; any other must be one the app takes (amounts are parsed in it).</summary>
    private bool IsOffered(string? currency, string field)
    {
        if (currency is null || Currencies.Contains(currency, StringComparer.Ordinal))
        {
            return true;
        }

        ModelState.AddModelError(field, $"Choose one of the currencies offered: {string.Join(", ", Currencies.Select(c => c.ToUpperInvariant()))}.");
        return false;
    }

    private async Task LoadAsync(string slug, CancellationToken ct)
    {
        Station = await sender.Send(new FindStation.Query(slug), ct);
        Payouts = await sender.Send(new ListPayouts.Query(Station.Id), ct);
    }

    private void AddErrors(string form, ValidationException refused)
    {
        foreach (var error in refused.Errors)
        {
            var field = error.PropertyName switch
            {
                nameof(RequestPayout.Command.Amount) or nameof(SetPayoutSchedule.Command.MinimumAmount) => form == "Ask" ? "Ask.Amount" : "Schedule.Minimum",
                nameof(RequestPayout.Command.Currency) => $"{form}.Currency",
                nameof(SetPayoutSchedule.Command.Frequency) => "Schedule.Frequency",
                _ => string.Empty,
            };
            ModelState.AddModelError(field, error.ErrorMessage);
        }
    }

    public sealed class RequestForm
    {
        /// <summary>In the currency's major units as typed ("120.50"); empty pays out everything available.</summary>
        public string? Amount { get; set; }

        public string? Currency { get; set; }

        /// <summary>Made when the form is shown, so a form sent twice requests one payout.</summary>
        public string? IdempotencyKey { get; set; } = Guid.NewGuid().ToString();
    }

    public sealed class ScheduleForm
    {
        public string? Currency { get; set; }

        /// <summary>weekly, monthly, or off.</summary>
        public string? Frequency { get; set; } = "off";

        public string? Minimum { get; set; }
    }
}
