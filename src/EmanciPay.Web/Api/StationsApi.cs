using EmanciPay.Application.Features.Stations;
using Mediator;

namespace EmanciPay.Web.Api;

public static class StationsApi
{
    public static IEndpointRouteBuilder MapStationsApi(this IEndpointRouteBuilder endpoints)
    {
        var stations = endpoints.MapGroup("/api/v1/stations").WithTags("Stations");
        stations.MapGet("/", async (string? q, int? page, ISender sender, CancellationToken ct) =>
        {
            var result = await sender.Send(new SearchStations.Query(q, page ?? 1), ct);
            return new { result.Items, result.Page, result.Total };
        }).WithSummary("The station directory, searched by name, call sign, city or state.");
        stations.MapGet("/{slug}", async (string slug, ISender sender, CancellationToken ct) => await sender.Send(new GetStation.Query(slug), ct))
            .WithSummary("One station, whether it is claimed, and what waits in its escrow (minor units).");
        return endpoints;
    }
}
