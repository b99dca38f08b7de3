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
        });
        return endpoints;
    }
}
