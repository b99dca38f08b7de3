using EmanciPay.Application.Features.Stations;
using Mediator;

namespace EmanciPay.Web.Api;

public static class StationsApi
{
    public sealed record StationPage(IReadOnlyList<SearchStations.Station> Items, int Page, int Total);

    public static IEndpointRouteBuilder MapStationsApi(this IEndpointRouteBuilder endpoints)
    {
        var stations = endpoints.MapGroup("/api/v1/stations").WithTags("Stations");
        stations.MapGet("/", async (string? q, int? page, ISender sender, CancellationToken ct) =>
            {
                var result = await sender.Send(new SearchStations.Query(q, page ?? 1), ct);
                return new StationPage(result.Items, result.Page, result.Total);
            })
            .WithName("SearchStations")
            .WithSummary("The station directory, searched by name, call sign, city or state.")
            .WithDescription("Every station, claimed or not, 20 a page by name; q narrows it to stations whose name, call sign, city or state contains the words.");
        stations.MapGet("/{slug}", async (string slug, ISender sender, CancellationToken ct) => await sender.Send(new GetStation.Query(slug), ct))
            .WithName("GetStation")
            .WithSummary("One station, whether it is claimed, and what waits in its escrow (minor units).")
            .WithDescription("A station that has not claimed its escrow still takes pledges: they wait in escrow until it claims, or are refunded after the hold.");
        return endpoints;
    }
}
