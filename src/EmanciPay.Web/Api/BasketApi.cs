using System.Security.Claims;
using EmanciPay.Application.Features.Baskets;
using Mediator;

namespace EmanciPay.Web.Api;

/// <summary>The listener's monthly basket: what it holds and how it splits, per-use pledges, and gifts added to it.</summary>
public static class BasketApi
{
    /// <param name="Station">The station's slug.</param>
    public sealed record PerUseRequest(string? Station, long? RatePerHour, long? MonthlyCap, string? Currency, bool Anonymous = false);

    /// <param name="Station">The station's slug.</param>
    public sealed record GiftRequest(string? Station, long? Amount, string? Currency, string? Message = null, bool Anonymous = false);

    public static IEndpointRouteBuilder MapBasketApi(this IEndpointRouteBuilder endpoints)
    {
        var basket = endpoints.MapGroup("/api/v1/me").WithTags("Basket").RequireAuthorization();
        basket.MapGet("/basket", async (ClaimsPrincipal user, ISender sender, CancellationToken ct) => await sender.Send(new GetMyBasket.Query(ListenerId(user)), ct))
            .WithName("GetMyBasket")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The listener's next basket with each station's share, and their past baskets.")
            .WithDescription("The next basket's fee is estimated from the processor's price and shared by largest remainder, as the real fee will be; past baskets show the fee Stripe took.");
        basket.MapPost("/per-use-pledges", async (PerUseRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var pledge = await sender.Send(new PledgePerUse.Command(ListenerId(user), body.Station, body.RatePerHour, body.MonthlyCap, body.Currency, body.Anonymous), ct);
                return TypedResults.Created($"/api/v1/me/pledges#{pledge.Id}", pledge);
            })
            .WithName("PledgePerUse")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Pledge a rate per hour listened to a station, up to a cap a month.")
            .WithDescription("The amount is min(cap, rate × hours in the listener's log), rounded half-even to the cent, and joins the monthly basket; a saved card is required (400 naming card).");
        basket.MapPost("/basket/gifts", async (GiftRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var gift = await sender.Send(new AddGiftToBasket.Command(ListenerId(user), body.Station, body.Amount, body.Currency, body.Message, body.Anonymous), ct);
                return TypedResults.Created($"/api/v1/me/pledges#{gift.Id}", gift);
            })
            .WithName("AddGiftToBasket")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Add a one-time gift to the next basket instead of paying it at once.")
            .WithDescription("It is charged with the rest of the basket, sharing its one card fee; a saved card is required (400 naming card).");
        basket.MapPost("/card", async (ClaimsPrincipal user, ISender sender, CancellationToken ct) => await sender.Send(new StartCardUpdate.Command(ListenerId(user)), ct))
            .RequireRateLimiting(PledgesApi.PledgeRateLimit)
            .WithName("StartCardUpdate")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .WithSummary("Start updating the card the listener's baskets are charged to: Stripe's page to save a new one.")
            .WithDescription("Send the listener to the url: a Stripe Checkout page in setup mode, where they save a card and nothing is charged. A listener with no saved card adds one the same way. The card is replaced when Stripe reports the setup succeeded; then every paused basket, and every one waiting to retry, is charged again to the new card, and the listener is mailed. 502 when Stripe cannot be reached.");
        return endpoints;
    }

    private static string ListenerId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
