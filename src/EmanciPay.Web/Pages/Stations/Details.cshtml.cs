using System.Security.Claims;
using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Features.Pledges;
using EmanciPay.Application.Features.Stations;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Pledges;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace EmanciPay.Web.Pages.Stations;

/// <summary>A station, what waits in its escrow, and the pledge form: fill in, review the fee, pay at Stripe.</summary>
public sealed class DetailsModel(ISender sender, IOptions<PledgeOptions> options, IValidator<CreatePledge.Command> pledgeRules) : PageModel
{
    /// <summary>What the form pledges in: the suggested amounts and the limits are in its minor units.</summary>
    public const string Currency = "usd";

    public GetStation.Result Station { get; private set; } = null!;

    public PledgeOptions Options => options.Value;

    /// <summary>Bound on GET too: the sign-in link comes back with what the listener had typed (see <see cref="OnPostSignInAsync"/>).</summary>
    [BindProperty(SupportsGet = true)]
    public PledgeForm Form { get; set; } = new();

    /// <summary>Set when the form is valid: what will be charged and what the station receives, before paying.</summary>
    public PledgeQuote? Quote { get; private set; }

    public bool Cancelled { get; private set; }

    /// <summary>For a station that has not claimed its escrow: the stations that have, which the listener may choose to receive the gift instead.</summary>
    public IReadOnlyList<ListFallbackStations.Station> Fallbacks { get; private set; } = [];

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    /// <summary>A declined or unlisted station's page explains why instead of showing the form; a posted form is ignored.</summary>
    private bool TakesNoPledges => Station.Declined || !Station.Listed;

    public async Task<IActionResult> OnGetAsync(string slug, bool cancelled, CancellationToken ct)
    {
        await LoadAsync(slug, ct);
        Cancelled = cancelled;
        ModelState.Clear();
        Form.Choice ??= string.IsNullOrWhiteSpace(Form.OtherAmount) ? "1000" : "other";
        Form.IdempotencyKey = Guid.NewGuid().ToString("N");
        return Page();
    }

    /// <summary>
    /// "Sign in" from the form: to the sign-in page, which comes back here with what was typed (the email aside: the
    /// account's is used), so that a monthly pledge does not start again from nothing.
    /// </summary>
    public async Task<IActionResult> OnPostSignInAsync(string slug, CancellationToken ct)
    {
        Station = await sender.Send(new GetStation.Query(slug), ct);
        var typed = new Dictionary<string, string?>
        {
            ["Form.Choice"] = Form.Choice,
            ["Form.OtherAmount"] = Form.OtherAmount,
            ["Form.Monthly"] = Form.Monthly ? "true" : null,
            ["Form.Message"] = Form.Message,
            ["Form.Anonymous"] = Form.Anonymous ? "true" : null,
            ["Form.CoverFee"] = Form.CoverFee ? "true" : null,
            ["Form.Fallback"] = Form.Fallback,
        };
        var back = QueryHelpers.AddQueryString($"/stations/{Uri.EscapeDataString(Station.Slug)}", typed.Where(f => !string.IsNullOrEmpty(f.Value)));
        return Redirect(QueryHelpers.AddQueryString("/account/login", "ReturnUrl", back));
    }

    /// <summary>First step: check the form and show the fee and what the station receives.</summary>
    public async Task<IActionResult> OnPostReviewAsync(string slug, CancellationToken ct)
    {
        await LoadAsync(slug, ct);
        if (TakesNoPledges)
        {
            return Page();
        }

        if (Validate() is { } amount)
        {
            Quote = new FeeSchedule(Options.FeePercent, Options.FeeFixed).Quote(amount, Form.CoverFee);
        }

        return Page();
    }

    /// <summary>Second step: create the pledge and go to Stripe Checkout. A resubmitted form reuses its key, so it cannot pledge twice.</summary>
    public async Task<IActionResult> OnPostPayAsync(string slug, CancellationToken ct)
    {
        await LoadAsync(slug, ct);
        if (TakesNoPledges || Validate() is not { } amount)
        {
            return Page();
        }

        var listenerId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        try
        {
            var pledge = await sender.Send(ToCommand(amount, listenerId), ct);
            return Redirect(pledge.CheckoutUrl.ToString());
        }
        catch (ValidationException validation)
        {
            foreach (var error in validation.Errors)
            {
                ModelState.AddModelError($"{nameof(Form)}.{error.PropertyName}", error.ErrorMessage);
            }

            return Page();
        }
        catch (IdempotencyKeyInUseException)
        {
            // The form was sent twice; the first is still on its way to Stripe.
            ModelState.AddModelError(string.Empty, "Your pledge is still being prepared. Press Pay again in a moment.");
            return Page();
        }
    }

    private async Task LoadAsync(string slug, CancellationToken ct)
    {
        Station = await sender.Send(new GetStation.Query(slug), ct);
        if (!Station.Claimed && !TakesNoPledges)
        {
            Fallbacks = [.. (await sender.Send(new ListFallbackStations.Query(), ct)).Where(f => f.Slug != Station.Slug)];
        }
    }

    private long? Validate()
    {
        // An amount typed in the "Another amount" box wins over any suggested amount: it is the most deliberate choice,
        // and without the page's script a suggested amount stays ticked while the listener types.
        long? amount = Form.Choice == "other" || !string.IsNullOrWhiteSpace(Form.OtherAmount)
            ? MoneyFormat.TryParse(Form.OtherAmount, Currency, out var typed) ? typed : null
            : long.TryParse(Form.Choice, out var chosen) ? chosen : null;
        if (amount is null)
        {
            ModelState.AddModelError($"{nameof(Form)}.{nameof(PledgeForm.OtherAmount)}", "Enter an amount in dollars, like 12 or 12.50.");
        }
        else if (amount < Options.MinimumAmount || amount > Options.MaximumAmount)
        {
            ModelState.AddModelError($"{nameof(Form)}.{nameof(PledgeForm.OtherAmount)}", $"Pledge between {MoneyFormat.Format(Options.MinimumAmount, Currency)} and {MoneyFormat.Format(Options.MaximumAmount, Currency)}.");
        }

        if (!SignedIn && string.IsNullOrWhiteSpace(Form.Email))
        {
            ModelState.AddModelError($"{nameof(Form)}.{nameof(PledgeForm.Email)}", "Enter your email address for the receipt.");
        }

        if (!string.IsNullOrEmpty(Form.Fallback) && !Fallbacks.Any(f => f.Slug == Form.Fallback))
        {
            ModelState.AddModelError($"{nameof(Form)}.{nameof(PledgeForm.Fallback)}", "Choose a station from the list, or a refund.");
        }

        // Then the pledge's own rules (the email's address, the message, monthly without an account), so that every
        // error shows at once on review and not one by one at payment. The page's friendlier message for a field wins.
        var rules = pledgeRules.Validate(ToCommand(amount, User.FindFirstValue(ClaimTypes.NameIdentifier)));
        foreach (var error in rules.Errors.Where(e => e.PropertyName != nameof(CreatePledge.Command.Amount)))
        {
            var field = $"{nameof(Form)}.{(error.PropertyName == nameof(CreatePledge.Command.Frequency) ? nameof(PledgeForm.Monthly) : error.PropertyName)}";
            if (ModelState[field] is not { Errors.Count: > 0 })
            {
                // The rule names the field by its property ('Email'); the listener knows it by its label.
                ModelState.AddModelError(field, error.PropertyName == nameof(CreatePledge.Command.Email)
                    ? "Enter an email address we can send your receipt to, like name@example.com."
                    : error.ErrorMessage);
            }
        }

        return ModelState.IsValid ? amount : null;
    }

    private CreatePledge.Command ToCommand(long? amount, string? listenerId) =>
        new(Station.Slug, amount, Currency, Form.Monthly ? PledgeFrequency.Monthly : PledgeFrequency.OneTime,
            listenerId is null ? Form.Email : User.FindFirstValue(ClaimTypes.Email), Form.Message, Form.Anonymous, Form.CoverFee, listenerId, Form.IdempotencyKey, string.IsNullOrEmpty(Form.Fallback) ? null : Form.Fallback);

    /// <summary>"true" on a field the listener must correct, for aria-invalid; null (no attribute) otherwise.</summary>
    public string? Invalid(string field) => FormErrors.Invalid(ModelState, $"{nameof(Form)}.{field}");

    /// <summary>What to correct in a field of the form, shown under it; null when it is fine.</summary>
    public string? ErrorOf(string field) => FormErrors.Of(ModelState, $"{nameof(Form)}.{field}");

    /// <summary>A field's aria-describedby: its hint, then its error's message when it has one.</summary>
    public string? DescribedBy(string field, string? hint = null) => FormErrors.DescribedBy(ModelState, $"{nameof(Form)}.{field}", ErrorId(field), hint);

    public static string ErrorId(string field) => $"{field.ToLowerInvariant()}-error";

    public sealed class PledgeForm
    {
        /// <summary>A suggested amount in cents, or "other".</summary>
        public string? Choice { get; set; }

        public string? OtherAmount { get; set; }

        public bool Monthly { get; set; }

        public string? Email { get; set; }

        public string? Message { get; set; }

        public bool Anonymous { get; set; }

        public bool CoverFee { get; set; }

        public string IdempotencyKey { get; set; } = "";

        /// <summary>The slug of the station that gets the gift if this one never claims it; empty for a refund.</summary>
        public string? Fallback { get; set; }
    }
}
