using System.Globalization;
using CsvWriter = CsvHelper.CsvWriter;
using EmanciPay.Application.Features.Audit;
using EmanciPay.Web.Pages;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Areas.Admin.Pages.Audit;

/// <summary>
/// The audit log of finance and admin actions, for finance and admin: filtered by person, action and days, newest
/// first, and exported as CSV (RFC 4180), written row by row as it is read.
/// </summary>
[Authorize(Policy = WebSetup.FinanceOrAdmin)]
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public FilterInput Filter { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public ListAuditRecords.Page Records { get; private set; } = new([], null);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Refused();
        }

        try
        {
            Records = await sender.Send(new ListAuditRecords.Query(Filter.Who, Filter.Action, Filter.Since, Filter.Until, Cursor), ct);
        }
        catch (ValidationException refusal)
        {
            FormErrors.Add(ModelState, refusal);
            return Refused();
        }

        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Refused();
        }

        IAsyncEnumerable<ListAuditRecords.Item> rows;
        try
        {
            rows = await sender.Send(new ExportAuditRecords.Query(Filter.Who, Filter.Action, Filter.Since, Filter.Until), ct);
        }
        catch (ValidationException refusal)
        {
            FormErrors.Add(ModelState, refusal);
            return Refused();
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"audit-log.csv\"";
        await using var writer = new StreamWriter(Response.Body);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        await csv.WriteRecordsAsync(rows, ct);
        return new EmptyResult();
    }

    private PageResult Refused()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    public sealed class FilterInput
    {
        public string? Who { get; set; }

        public string? Action { get; set; }

        public DateOnly? Since { get; set; }

        public DateOnly? Until { get; set; }
    }
}
