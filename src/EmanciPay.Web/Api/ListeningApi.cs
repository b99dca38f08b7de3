using System.Globalization;
using System.Security.Claims;
using CsvHelper;
using EmanciPay.Application.Features.Listening;
using Mediator;

namespace EmanciPay.Web.Api;

/// <summary>The listener's own listening log: their tools write to it with a bearer token, and only they read it.</summary>
public static class ListeningApi
{
    /// <param name="Station">The station's slug.</param>
    public sealed record ListeningRequest(string? Station, DateTimeOffset? StartedAt, int? Minutes);

    public sealed record CorrectionRequest(DateTimeOffset? StartedAt, int? Minutes);

    public static IEndpointRouteBuilder MapListeningApi(this IEndpointRouteBuilder endpoints)
    {
        var log = endpoints.MapGroup("/api/v1/me/listening").WithTags("Listening").RequireAuthorization();
        log.MapPost("/", async (ListeningRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var session = await sender.Send(new RecordListening.Command(ListenerId(user), body.Station, body.StartedAt, body.Minutes), ct);
                return TypedResults.Created($"/api/v1/me/listening/{session.Id}", session);
            })
            .WithName("RecordListening")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Log some listening in the signed-in listener's own log.")
            .WithDescription("At most 24 hours a day (by when each session began, UTC), never ending in the future, and only in a month still open (until 2 days into the next).");
        log.MapGet("/", async (string? month, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                await sender.Send(new GetMyListening.Query(ListenerId(user), month), ct))
            .WithName("GetMyListening")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("One month of the listener's log, with the minutes per station.")
            .WithDescription("month is like 2026-11 (this month when omitted); a session can change while its month is open.");
        log.MapPut("/{id:guid}", async (Guid id, CorrectionRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                await sender.Send(new CorrectListening.Command(ListenerId(user), id, body.StartedAt, body.Minutes), ct))
            .WithName("CorrectListening")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Correct when a session began and how long it lasted, until its month closes.")
            .WithDescription("The session stays in its month, and its day keeps to 24 hours. Another listener's session is 404.");
        log.MapDelete("/{id:guid}", async (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteListening.Command(ListenerId(user), id), ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteListening")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Delete a session from the log, until its month closes.")
            .WithDescription("Another listener's session is 404; a session whose month has closed is 400.");
        endpoints.MapGet("/api/v1/me/listening.csv", async (string? month, ClaimsPrincipal user, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var result = await sender.Send(new GetMyListening.Query(ListenerId(user), month), ct);
                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"listening-{result.Month}.csv\"";
                await using var writer = new StreamWriter(http.Response.Body);
                await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
                await csv.WriteRecordsAsync(result.Sessions.Select(s => new { station = s.Station, station_name = s.StationName, started_at = s.StartedAt.ToString("O", CultureInfo.InvariantCulture), minutes = s.Minutes }), ct);
            })
            .RequireAuthorization()
            .WithTags("Listening")
            .WithName("ExportMyListening")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("One month of the listener's log as CSV (RFC 4180).")
            .WithDescription("Columns station, station_name, started_at (ISO 8601, UTC), minutes; month like 2026-11, this month when omitted.");
        return endpoints;
    }

    private static string ListenerId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
