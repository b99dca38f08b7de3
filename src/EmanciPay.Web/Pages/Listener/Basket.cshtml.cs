using System.Security.Claims;
using EmanciPay.Application.Features.Baskets;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Monetary;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EmanciPay.Web.Pages.Listener;

/// <summary>The listener's monthly basket: the next one and its split before it is charged, past ones, a per-use pledge, a gift added.</summary>
[Authorize]
public sealed class BasketModel(ISender sender, IOptions<PledgeOptions> options) : PageModel
{
    private const string Currency = "usd";

    public GetMyBasket.Result Basket { get; private set; } = null!;

    [BindProperty]
    public PerUseForm PerUse { get; set; } = new();

    [BindProperty]
    public GiftForm Gift { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    /// <summary>Stripe sent the listener back from saving a new card; the card is replaced once Stripe's event arrives, moments later.</summary>
    public bool CardSaved { get; private set; }

    public async Task OnGetAsync(string? card, CancellationToken ct)
    {
        CardSaved = card == "updated";
        await LoadAsync(ct);
    }

    /// <summary>Sends the listener to Stripe's page to save a new card for their baskets.</summary>
    public async Task<IActionResult> OnPostCardAsync(CancellationToken ct) =>
        Redirect((await sender.Send(new StartCardUpdate.Command(ListenerId), ct)).Url.AbsoluteUri);

    public async Task<IActionResult> OnPostPerUseAsync(CancellationToken ct)
    {
        var rate = Amount(PerUse.Rate, nameof(PerUse), nameof(PerUseForm.Rate));
        var cap = Amount(PerUse.Cap, nameof(PerUse), nameof(PerUseForm.Cap));
        if (rate is not null && cap is not null && await SendAsync(nameof(PerUse), () => sender.Send(new PledgePerUse.Command(ListenerId, Slug(PerUse.Station), rate, cap, Currency, PerUse.Anonymous), ct).AsTask(), ct))
        {
            Notice = "Your per-use pledge is made: it joins your basket each month from your listening log.";
            return RedirectToPage();
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostGiftAsync(CancellationToken ct)
    {
        var amount = Amount(Gift.Amount, nameof(Gift), nameof(GiftForm.Amount));
        if (amount is not null && await SendAsync(nameof(Gift), () => sender.Send(new AddGiftToBasket.Command(ListenerId, Slug(Gift.Station), amount, Currency, null, Gift.Anonymous), ct).AsTask(), ct))
        {
            Notice = "Your gift is in your next basket.";
            return RedirectToPage();
        }

        await LoadAsync(ct);
        return Page();
    }

    public string? Invalid(string form, string field) => FormErrors.Invalid(ModelState, $"{form}.{field}");

    /// <summary>One form's errors, shown by that form only: the page has two.</summary>
    public IEnumerable<string> ErrorsOf(string form) =>
        ModelState.Where(e => e.Key.StartsWith(form + ".", StringComparison.Ordinal)).SelectMany(e => e.Value!.Errors).Select(e => e.ErrorMessage);

    private string ListenerId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static string Dollars(long cents) => MoneyFormat.Format(cents, Currency);

    private static string? Slug(string? station) => station?.Trim().ToLowerInvariant();

    private long? Amount(string? typed, string form, string field)
    {
        if (MoneyFormat.TryParse(typed, Currency, out var amount) && amount > 0)
        {
            return amount;
        }

        ModelState.AddModelError($"{form}.{field}", "Enter an amount in dollars, like 5 or 0.10.");
        return null;
    }

    private async Task<bool> SendAsync(string form, Func<Task> send, CancellationToken ct)
    {
        try
        {
            await send();
            return true;
        }
        catch (ValidationException refused)
        {
            foreach (var error in refused.Errors)
            {
                // The commands count in cents; the forms are typed in dollars.
                var (field, message) = error.PropertyName switch
                {
                    nameof(PledgePerUse.Command.RatePerHour) => (nameof(PerUseForm.Rate), $"Give at most {Dollars(PledgePerUse.MaxRatePerHour)} an hour."),
                    nameof(PledgePerUse.Command.MonthlyCap) => (nameof(PerUseForm.Cap), $"Give between {Dollars(options.Value.MinimumAmount)} and {Dollars(options.Value.MaximumAmount)} a month."),
                    nameof(AddGiftToBasket.Command.Amount) => (nameof(GiftForm.Amount), $"Give between {Dollars(options.Value.MinimumAmount)} and {Dollars(options.Value.MaximumAmount)}."),
                    _ => (error.PropertyName, error.ErrorMessage),
                };
                ModelState.AddModelError($"{form}.{field}", message);
            }

            return false;
        }
    }

    private async Task LoadAsync(CancellationToken ct) => Basket = await sender.Send(new GetMyBasket.Query(ListenerId), ct);

    public sealed class PerUseForm
    {
        public string? Station { get; set; }

        /// <summary>Dollars per hour, as typed.</summary>
        public string? Rate { get; set; }

        /// <summary>Dollars a month at most, as typed.</summary>
        public string? Cap { get; set; }

        public bool Anonymous { get; set; }
    }

    public sealed class GiftForm
    {
        public string? Station { get; set; }

        public string? Amount { get; set; }

        public bool Anonymous { get; set; }
    }
}
