using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Refunds;
using EmanciPay.Domain.Monetary;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Areas.Finance.Pages.Payments;

/// <summary>
/// Finance: one payment with its refunds, and the form that refunds it in full or in part with a reason. The form carries
/// a key made when it was shown, so submitting it twice refunds once.
/// </summary>
[Authorize(Policy = WebSetup.Finance)]
public sealed class DetailsModel(ISender sender) : PageModel
{
    public GetPaymentRefunds.Result Payment { get; private set; } = null!;

    public string Key { get; private set; } = Guid.NewGuid().ToString();

    public string? Amount { get; private set; }

    public string? Reason { get; private set; }

    public string? Done { get; private set; }

    public string? Invalid(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? "true" : null;

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, CancellationToken ct)
    {
        try
        {
            Payment = await sender.Send(new GetPaymentRefunds.Query(id), ct);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] Guid id, string? amount, string? reason, string? key, CancellationToken ct)
    {
        GetPaymentRefunds.Result payment;
        try
        {
            payment = await sender.Send(new GetPaymentRefunds.Query(id), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        long? minor = null;
        if (!string.IsNullOrWhiteSpace(amount))
        {
            if (!MoneyFormat.TryParse(amount, payment.Currency, out var parsed) || parsed <= 0)
            {
                ModelState.AddModelError("amount", $"Write the amount to refund as {MoneyFormat.Format(payment.Refundable, payment.Currency)} is written, more than zero.");
            }

            minor = parsed;
        }

        if (ModelState.IsValid)
        {
            try
            {
                var refund = await sender.Send(new IssueRefund.Command(id, minor, reason, string.IsNullOrWhiteSpace(key) ? Guid.NewGuid().ToString() : key), ct);
                Done = $"Refunded {MoneyFormat.Format(refund.Amount, refund.Currency)} to the listener (Stripe refund {refund.StripeRefundId}).";
                return await OnGetAsync(id, ct);
            }
            catch (ValidationException refused)
            {
                foreach (var error in refused.Errors)
                {
                    ModelState.AddModelError(error.PropertyName switch
                    {
                        nameof(IssueRefund.Command.Amount) => "amount",
                        nameof(IssueRefund.Command.Reason) => "reason",
                        _ => string.Empty,
                    }, error.ErrorMessage);
                }
            }
            catch (IdempotencyKeyReusedException)
            {
                ModelState.AddModelError(string.Empty, "This form was already used for another refund: reload the page and try again.");
            }
        }

        Payment = await sender.Send(new GetPaymentRefunds.Query(id), ct);
        // A fresh key: the refused attempt keeps the old one, and a corrected form is another request.
        Amount = amount;
        Reason = reason;
        return Page();
    }
}
