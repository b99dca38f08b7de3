using EmanciPay.Application.Features.Stations;
using EmanciPay.Application.Features.Connect;
using Mediator;

namespace EmanciPay.Web.Api;

public static class ConnectApi
{
    public static IEndpointRouteBuilder MapConnectApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/stations/{slug}/connect", async (string slug, ISender sender, CancellationToken ct) =>
            {
                var station = await sender.Send(new FindStation.Query(slug), ct);
                return await sender.Send(new StartOnboarding.Command(station.Id), ct);
            })
            .RequireAuthorization(WebSetup.StationManager)
            .WithTags("Stations")
            .WithName("StartConnectOnboarding")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .WithSummary("A fresh Stripe Connect onboarding link for a station the caller manages.")
            .WithDescription("The first call opens the station's Express account at Stripe. A link works once and expires within minutes, so get one each time the manager is sent to Stripe. For managers of that station only (others get 403), and only once its claim is approved (400 naming station otherwise); 502 when Stripe cannot be reached.");
        return endpoints;
    }
}
