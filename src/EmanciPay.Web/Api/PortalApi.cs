using EmanciPay.Application.Features.Stations;
using EmanciPay.Application.Features.Portal;
using Mediator;

namespace EmanciPay.Web.Api;

/// <summary>The station portal for station systems and scripts: a station's escrow and Stripe state, and its statement.</summary>
public static class PortalApi
{
    public static IEndpointRouteBuilder MapPortalApi(this IEndpointRouteBuilder endpoints)
    {
        var portal = endpoints.MapGroup("/api/v1/stations/{slug}").WithTags("Stations").RequireAuthorization(WebSetup.StationManager);
        portal.MapGet("/portal", async (string slug, ISender sender, CancellationToken ct) =>
            {
                var station = await sender.Send(new FindStation.Query(slug), ct);
                return await sender.Send(new GetPortal.Query(station.Id), ct);
            })
            .WithName("GetStationPortal")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A station's escrow per currency (available, reserved, paid out), supporters and Stripe account, for its managers.")
            .WithDescription("For managers of this station only: anybody else signed in gets 403, and an unknown station 404.");
        portal.MapGet("/statement", async (string slug, DateOnly? from, DateOnly? to, string? cursor, ISender sender, CancellationToken ct) =>
            {
                var station = await sender.Send(new FindStation.Query(slug), ct);
                return await sender.Send(new GetStationStatement.Query(station.Id, from, to, cursor), ct);
            })
            .WithName("GetStationStatement")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Every posting on a station's escrow, newest first, 50 a page, with its cause and the listener where they allowed it.")
            .WithDescription("Pass nextCursor back as cursor for the next (older) page; it is null on the last. from and to are whole UTC days (yyyy-mm-dd), both included. A malformed date or cursor, or to before from, is 400 naming the field.");
        portal.MapGet("/supporters", async (string slug, ISender sender, CancellationToken ct) =>
            {
                var station = await sender.Send(new FindStation.Query(slug), ct);
                return await sender.Send(new GetStationSupporters.Query(station.Id), ct);
            })
            .WithName("GetStationSupporters")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A station's supporters, one line per pledge paid, each only as the listener's current terms allow.")
            .WithDescription("Newest pledge first. Name, email, postal address and message are null where the listener's terms withhold them, and every field but the flags is null for an anonymous gift. The flags are terms the station agreed to honour: noContact, noSharing, noGifts, noAsksThisYear.");
        portal.MapGet("/supporters.csv", async (string slug, ISender sender, CancellationToken ct) =>
            {
                var station = await sender.Send(new FindStation.Query(slug), ct);
                var supporters = await sender.Send(new GetStationSupporters.Query(station.Id), ct);
                return CsvExport.Of($"supporters-{station.Slug}.csv", CsvExport.Async(supporters));
            })
            .WithName("ExportStationSupporters")
            .Produces(StatusCodes.Status200OK, contentType: CsvExport.ContentType)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A station's supporters as CSV (RFC 4180), as the listeners' current terms allow.")
            .WithDescription("The same lines and fields as GET supporters, one column each; withheld details are empty.");
        return endpoints;
    }
}
