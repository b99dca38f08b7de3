using System.IO.Compression;
using System.Security.Claims;
using EmanciPay.Application.Features.Record;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace EmanciPay.Web.Api;

/// <summary>The listener's own record: everything their account holds, as JSON or CSV files, and the deletion of the account.</summary>
public static class RecordApi
{
    public sealed record DeleteAccountRequest(string? Confirmation);

    /// <summary>A basket's line in basket-splits.csv, with its basket's figures alongside: one row per station's share.</summary>
    public sealed record BasketSplitCsvRow(
        Guid BasketId, DateOnly Period, string Status, string Currency, long BasketAmount, long BasketFee, DateTimeOffset? PaidAt, string? PaymentIntentId,
        Guid PledgeId, string Station, string Kind, long Amount, long Fee, long Net);

    /// <summary>
    /// One CSV file per section of the record, in the zip. A zip of CSVs rather than one CSV: each kind of record has
    /// its own columns, and a new section is one more file, not a wider table of mostly empty cells.
    /// </summary>
    public static IEnumerable<(string File, Func<Stream, Task> Write)> CsvFiles(ExportMyRecord.ListenerRecord record) =>
    [
        ("pledges.csv", s => CsvExport.WriteAsync(s, CsvExport.Async(record.Pledges))),
        ("payments.csv", s => CsvExport.WriteAsync(s, CsvExport.Async(record.Payments))),
        ("refunds.csv", s => CsvExport.WriteAsync(s, CsvExport.Async(record.Refunds))),
        ("fallback-choices.csv", s => CsvExport.WriteAsync(s, CsvExport.Async(record.FallbackChoices))),
        ("basket-splits.csv", s => CsvExport.WriteAsync(s, CsvExport.Async(record.BasketSplits.SelectMany(b => b.Lines.Select(l => new BasketSplitCsvRow(
            b.Id, b.Period, b.Status, b.Currency, b.Amount, b.Fee, b.PaidAt, b.PaymentIntentId, l.PledgeId, l.Station, l.Kind, l.Amount, l.Fee, l.Net)))))),
        ("terms.csv", s => CsvExport.WriteAsync(s, CsvExport.Async(record.Terms))),
        ("agreements.csv", s => CsvExport.WriteAsync(s, CsvExport.Async(record.Agreements))),
        ("listening.csv", s => CsvExport.WriteAsync(s, CsvExport.Async(record.Listening))),
    ];

    /// <summary>The record's CSV files in one zip, built in memory: one listener's record is small, and a zip is written synchronously.</summary>
    public static async Task<byte[]> ZipAsync(ExportMyRecord.ListenerRecord record)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (file, write) in CsvFiles(record))
            {
                await using var entry = zip.CreateEntry(file, CompressionLevel.Optimal).Open();
                await write(entry);
            }
        }

        return buffer.ToArray();
    }

    public static string ZipName(ExportMyRecord.ListenerRecord record) => $"emancipay-record-{record.ExportedAt:yyyy-MM-dd}.zip";

    public static IEndpointRouteBuilder MapRecordApi(this IEndpointRouteBuilder endpoints)
    {
        var me = endpoints.MapGroup("/api/v1/me").WithTags("Record").RequireAuthorization();
        me.MapGet("/export", async (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                await sender.Send(new ExportMyRecord.Query(ListenerId(user)), ct))
            .WithName("ExportMyRecord")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Everything the signed-in listener's account holds, as JSON.")
            .WithDescription("Pledges, payments, refunds, fallback choices, each month's basket with its split to the stations, the terms the listener proffers, the signed agreements to them of the stations the listener gave to, and the listening log, each a list; nothing of anyone else's.");
        me.MapGet("/export.zip", async (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var record = await sender.Send(new ExportMyRecord.Query(ListenerId(user)), ct);
                return TypedResults.File(await ZipAsync(record), "application/zip", ZipName(record));
            })
            .WithName("ExportMyRecordCsv")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The same record as CSV files (RFC 4180), one per kind of record, in a zip.")
            .WithDescription("pledges.csv, payments.csv, refunds.csv, fallback-choices.csv, basket-splits.csv (one row per station's share of a basket), terms.csv, agreements.csv and listening.csv; times ISO 8601 in UTC, amounts in minor units.");
        me.MapDelete("/", async ([FromBody] DeleteAccountRequest body, ClaimsPrincipal user, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                await sender.Send(new DeleteMyAccount.Command(ListenerId(user), body.Confirmation), ct);
                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
                return TypedResults.NoContent();
            })
            .WithName("DeleteMyAccount")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Delete the signed-in listener's account and erase their personal data.")
            .WithDescription("confirmation must be the address the account signs in with. Monthly pledges are cancelled; payments stay in the books under a pseudonym. A station's manager must leave it to another manager first (400).");
        return endpoints;
    }

    private static string ListenerId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
