using System.Globalization;
using EmanciPay.Application.Features.Stations;
using EmanciPay.Application.Features.Portal;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace EmanciPay.Web.Areas.Station.Pages;

/// <summary>Every posting on the station's escrow, newest first, a page at a time, between two dates if asked.</summary>
public sealed class StatementModel(ISender sender) : StationPageModel(sender)
{
    [BindProperty(SupportsGet = true, Name = "from")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public GetStationStatement.Page? Statement { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var station = await FindStationAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            return;
        }

        try
        {
            Statement = await Sender.Send(new GetStationStatement.Query(station.Id, From, To, Cursor), cancellationToken);
        }
        catch (ValidationException invalid)
        {
            foreach (var error in invalid.Errors)
            {
                ModelState.AddModelError(error.PropertyName.ToLowerInvariant(), error.ErrorMessage);
            }
        }
    }

    public string? ErrorOf(string field) => ModelState[field] is { Errors.Count: > 0 } entry
        ? string.Join(" ", entry.Errors.Select(e => field is "from" or "to" && e.ErrorMessage.StartsWith("The value", StringComparison.Ordinal) ? "Enter a date like 2026-01-31." : e.ErrorMessage))
        : null;

    public string NextPage(string cursor) =>
        QueryString.Create(new Dictionary<string, string?> { ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["cursor"] = cursor }.Where(p => p.Value is not null)).ToUriComponent();
}
