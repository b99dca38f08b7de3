using EmanciPay.Application.Features.Finance;
using Mediator;

namespace EmanciPay.Web.Api;

/// <summary>The finance books for finance staff's scripts and spreadsheets: trial balance, escrow statements and CSV exports.</summary>
public static class FinanceApi
{
    /// <summary>One row of the trial balance export.</summary>
    public sealed record TrialBalanceRow(string Currency, string Account, string Type, string? StationSlug, string? StationName, long Debit, long Credit);

    public static IEndpointRouteBuilder MapFinanceApi(this IEndpointRouteBuilder endpoints)
    {
        var finance = endpoints.MapGroup("/api/v1/finance").WithTags("Finance").RequireAuthorization(WebSetup.Finance);
        finance.MapGet("/trial-balance", async (DateOnly? at, ISender sender, TimeProvider clock, CancellationToken ct) =>
                await sender.Send(new GetTrialBalance.Query(at ?? Today(clock)), ct))
            .WithName("GetTrialBalance")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Every ledger account's balance at the end of a UTC day, per currency, in debit and credit columns.")
            .WithDescription("For finance users signed in with a second factor. at is a day (yyyy-mm-dd), today by default; each currency's debit and credit totals are equal when the books are right (balanced). A malformed day is 400 naming at.");
        finance.MapGet("/statements/{slug}", async (string slug, DateOnly? from, DateOnly? to, string? cursor, ISender sender, CancellationToken ct) =>
                await sender.Send(new GetEscrowStatement.Query(slug, from, to, cursor), ct))
            .WithName("GetEscrowStatement")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A station's escrow statement: opening and closing balance per currency, and its postings, newest first, 50 a page.")
            .WithDescription("For finance users signed in with a second factor. from and to are whole UTC days (yyyy-mm-dd), both included; pass nextCursor back as cursor for the next (older) page. An unknown station is 404; a malformed day or cursor, or to before from, is 400 naming the field.");
        finance.MapGet("/exports/ledger.csv", async (DateOnly? from, DateOnly? to, ISender sender, CancellationToken ct) =>
                CsvExport.Of("ledger.csv", (await sender.Send(new ExportLedgerEntries.Query(from, to), ct)).Rows))
            .WithName("ExportLedgerEntries")
            .Produces<string>(StatusCodes.Status200OK, CsvExport.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Every posting between two UTC days as RFC 4180 CSV, oldest first, with its entry's cause and both accounts.")
            .WithDescription("For finance users signed in with a second factor. Streamed as it is read, so any period can be exported. Columns: PostedAt (ISO 8601, UTC), EntryId, Sequence, Kind, Cause, CauseId, Description, DebitAccount, CreditAccount, Currency, Amount (minor units), DebitBalanceAfter, CreditBalanceAfter.");
        finance.MapGet("/exports/trial-balance.csv", async (DateOnly? at, ISender sender, TimeProvider clock, CancellationToken ct) =>
            {
                var balance = await sender.Send(new GetTrialBalance.Query(at ?? Today(clock)), ct);
                var rows = balance.Currencies.SelectMany(c => c.Lines.Select(l => new TrialBalanceRow(c.Code, l.Account, l.Type, l.StationSlug, l.StationName, l.Debit, l.Credit)));
                return CsvExport.Of($"trial-balance-{balance.At:yyyy-MM-dd}.csv", CsvExport.Async(rows));
            })
            .WithName("ExportTrialBalance")
            .Produces<string>(StatusCodes.Status200OK, CsvExport.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The trial balance at the end of a UTC day as RFC 4180 CSV, one row per account.")
            .WithDescription("For finance users signed in with a second factor. Columns: Currency, Account, Type, StationSlug, StationName, Debit, Credit (minor units).");
        finance.MapGet("/exports/statements/{slug}.csv", async (string slug, DateOnly? from, DateOnly? to, ISender sender, CancellationToken ct) =>
            {
                var statement = await sender.Send(new ExportEscrowStatement.Query(slug, from, to), ct);
                return CsvExport.Of($"statement-{statement.Slug}.csv", statement.Lines);
            })
            .WithName("ExportEscrowStatement")
            .Produces<string>(StatusCodes.Status200OK, CsvExport.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A station's escrow statement between two UTC days as RFC 4180 CSV, oldest first.")
            .WithDescription("For finance users signed in with a second factor. Streamed as it is read. Columns: PostedAt, EntryId, Cause, CauseId, Description, Currency, Amount (into the escrow positive, out negative), BalanceAfter.");
        return endpoints;
    }

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
