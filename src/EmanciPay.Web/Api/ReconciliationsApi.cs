using System.Globalization;
using CsvHelper;
using EmanciPay.Application.Features.Reconciliation;
using Mediator;

namespace EmanciPay.Web.Api;

public static class ReconciliationsApi
{
    public sealed record StartRequest(DateTimeOffset? From, DateTimeOffset? To);

    public sealed record Started(Guid Id);

    public sealed record NoteRequest(string? Note);

    public sealed record LockRequest(string? Month);

    public sealed record Locked(string Month);

    public static IEndpointRouteBuilder MapReconciliationsApi(this IEndpointRouteBuilder endpoints)
    {
        var finance = endpoints.MapGroup("/api/v1/finance").WithTags("Reconciliation").RequireAuthorization(WebSetup.Finance);
        finance.MapPost("/reconciliations", async (StartRequest body, ISender sender, CancellationToken ct) =>
            {
                var id = await sender.Send(new StartReconciliation.Command(body.From, body.To), ct);
                return TypedResults.Accepted($"/api/v1/finance/reconciliations/{id}", new Started(id));
            })
            .WithName("StartReconciliation")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Reconcile a period's Stripe balance transactions with the ledger.")
            .WithDescription("For finance users signed in with a second factor. The run happens in the background: poll the address in Location. Up to two days are read through Stripe's list API, longer periods through its itemized balance change report.");
        finance.MapGet("/reconciliations/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => await sender.Send(new GetReconciliation.Query(id), ct))
            .WithName("GetReconciliation")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A reconciliation run: its status and progress, counts per reporting category, and the discrepancies it found.")
            .WithDescription("For finance users signed in with a second factor. At most 1,000 discrepancies are listed; the CSV export has them all.");
        finance.MapGet("/reconciliations/{id:guid}/discrepancies.csv", async (Guid id, HttpContext context, ISender sender, CancellationToken ct) =>
            {
                var rows = await sender.Send(new ExportDiscrepancies.Query(id), ct);
                context.Response.ContentType = "text/csv; charset=utf-8";
                context.Response.Headers.ContentDisposition = $"attachment; filename=\"discrepancies-{id}.csv\"";
                await using var writer = new StreamWriter(context.Response.Body);
                await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
                await csv.WriteRecordsAsync(rows, ct);
            })
            .WithName("ExportDiscrepancies")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Every discrepancy a run found, as RFC 4180 CSV, streamed.")
            .WithDescription("For finance users signed in with a second factor.");
        finance.MapPost("/discrepancies/{id:guid}/adjust", async (Guid id, NoteRequest body, ISender sender, CancellationToken ct) => await sender.Send(new AdjustDiscrepancy.Command(id, body.Note), ct))
            .WithName("AdjustDiscrepancy")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Settle an open discrepancy with an adjusting entry through suspense.")
            .WithDescription("Posted now, in the open period, marked manual with its author and the note. A discrepancy that is not open is 400 naming discrepancyId; a missing note is 400 naming note.");
        finance.MapPost("/discrepancies/{id:guid}/explain", async (Guid id, NoteRequest body, ISender sender, CancellationToken ct) => await sender.Send(new ExplainDiscrepancy.Command(id, body.Note), ct))
            .WithName("ExplainDiscrepancy")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Mark an open discrepancy explained, with a note; nothing is posted.")
            .WithDescription("For finance users signed in with a second factor.");
        finance.MapPost("/period-locks", async (LockRequest body, ISender sender, CancellationToken ct) =>
                new Locked((await sender.Send(new LockPeriod.Command(body.Month), ct)).ToString("yyyy-MM", CultureInfo.InvariantCulture)))
            .WithName("LockPeriod")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Lock a month that has ended: nothing posts into it afterwards.")
            .WithDescription("For finance users signed in with a second factor. Locking a locked month changes nothing.");
        return endpoints;
    }
}
