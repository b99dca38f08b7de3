using EmanciPay.Application.Features.Finance;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Areas.Finance.Pages.Ledger;

/// <summary>The ledger browser: postings newest first, filtered by account, dates, cause and amount, a page at a time.</summary>
[Authorize(Policy = WebSetup.Finance)]
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "account")]
    public string? Account { get; set; }

    [BindProperty(SupportsGet = true, Name = "currency")]
    public string? Currency { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "cause")]
    public string? Cause { get; set; }

    [BindProperty(SupportsGet = true, Name = "causeId")]
    public string? CauseId { get; set; }

    /// <summary>In minor units, as the ledger keeps them.</summary>
    [BindProperty(SupportsGet = true, Name = "minAmount")]
    public long? MinAmount { get; set; }

    [BindProperty(SupportsGet = true, Name = "maxAmount")]
    public long? MaxAmount { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public BrowseLedger.Page? Postings { get; private set; }

    public static IReadOnlyList<string> Causes { get; } = ["payment", "fee", "payout", "refund", "expiry-refund", "transfer-reversal", "dispute", "adjustment"];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return;
        }

        try
        {
            Postings = await sender.Send(new BrowseLedger.Query(Blank(Account), Blank(Currency), From, To, Blank(Cause), Blank(CauseId), MinAmount, MaxAmount, Blank(Cursor)), ct);
        }
        catch (ValidationException invalid)
        {
            foreach (var error in invalid.Errors)
            {
                ModelState.AddModelError(FieldOf(error.PropertyName), error.ErrorMessage);
            }
        }
    }

    public string? ErrorOf(string field) => FinanceForms.ErrorOf(ModelState, field);

    public string Filter(string? cursor = null) => FinanceForms.Query([
        new("account", Account), new("currency", Currency), new("from", FinanceForms.Day(From)), new("to", FinanceForms.Day(To)),
        new("cause", Cause), new("causeId", CauseId), new("minAmount", MinAmount?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("maxAmount", MaxAmount?.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("cursor", cursor)]);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string FieldOf(string property) => property switch
    {
        nameof(BrowseLedger.Query.CauseId) => "causeId",
        nameof(BrowseLedger.Query.MinAmount) => "minAmount",
        nameof(BrowseLedger.Query.MaxAmount) => "maxAmount",
        _ => property.ToLowerInvariant(),
    };
}
