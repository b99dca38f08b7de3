using System.Security.Claims;
using EmanciPay.Application.Features.Pledges;
using EmanciPay.Domain.Pledges;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace EmanciPay.Web.Api;

public static class PledgesApi
{
    /// <summary>Every request that opens a Stripe page (a pledge's checkout, its resumption, a card update), per client.</summary>
    public const string PledgeRateLimit = "pledge";

    /// <param name="Amount">In minor units (cents).</param>
    /// <param name="Currency">Lower-case ISO 4217, like Stripe: "usd".</param>
    /// <param name="Email">Required for guests; a signed-in listener's account email is used otherwise.</param>
    public sealed record PledgeRequest(string? Station, long? Amount, string? Currency, PledgeFrequency? Frequency, string? Email, string? Message, bool Anonymous, bool CoverFee, string? Fallback = null);

    /// <param name="Station">The claimed station's slug; null for a refund.</param>
    public sealed record FallbackRequest(string? Station);

    /// <param name="Amount">The new monthly amount, or a per-use pledge's new monthly cap.</param>
    public sealed record ChangeRequest(long? Amount, long? RatePerHour = null, bool SkipNextMonth = false);

    public static IEndpointRouteBuilder MapPledgesApi(this IEndpointRouteBuilder endpoints)
    {
        var pledges = endpoints.MapGroup("/api/v1/pledges").WithTags("Pledges");
        pledges.MapPost("/", async (PledgeRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var listenerId = user.FindFirstValue(ClaimTypes.NameIdentifier);
                var email = listenerId is null ? body.Email : user.FindFirstValue(ClaimTypes.Email);
                var result = await sender.Send(
                    new CreatePledge.Command(body.Station, body.Amount, body.Currency, body.Frequency, email, body.Message, body.Anonymous, body.CoverFee, listenerId, idempotencyKey ?? "", body.Fallback),
                    ct);
                return TypedResults.Created($"/api/v1/pledges/{result.Id}", result);
            })
            .RequireRateLimiting(PledgeRateLimit)
            .DisableAntiforgery()
            .WithName("CreatePledge")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Pledge to a station and get a Stripe Checkout address to pay at.")
            .WithDescription("A retry with the same Idempotency-Key and body gets the first response again; the same key with another body is 422, and while the first request is still in progress 409 (code idempotency_key_in_use).");
        pledges.MapPut("/{id:guid}/fallback", async (Guid id, FallbackRequest body, ISender sender, CancellationToken ct) =>
                await sender.Send(new ChooseFallback.Command(id, body.Station), ct))
            .WithName("ChooseFallback")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Choose what happens to a gift if its station has not claimed it by the deadline.")
            .WithDescription("A refund (station null, the default) or another station that has claimed its escrow; changeable until the pledge's station claims or declines. Each payment follows the choice standing at its own deadline.");
        pledges.MapPut("/{id:guid}", async (Guid id, ChangeRequest body, ISender sender, CancellationToken ct) =>
                await sender.Send(new ChangePledge.Command(id, body.Amount, body.RatePerHour, body.SkipNextMonth), ct))
            .WithName("ChangePledge")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Change a monthly pledge's amount or a per-use pledge's rate and cap, or skip the next month.")
            .WithDescription("Takes effect from the next basket and is confirmed by mail. For a per-use pledge amount is the monthly cap. Another listener's pledge is 404.");
        pledges.MapPost("/{id:guid}/pause", async (Guid id, ISender sender, CancellationToken ct) =>
                await sender.Send(new PausePledge.Command(id), ct))
            .WithName("PausePledge")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Pause a monthly or per-use pledge until it is resumed.")
            .WithDescription("A paused pledge is left out of every basket from the next one on, until POST /api/v1/pledges/{id}/resume. Confirmed by mail; pausing a paused pledge changes nothing. Another listener's pledge is 404; a one-time or cancelled pledge is 400.");
        pledges.MapPost("/{id:guid}/resume", async (Guid id, ISender sender, CancellationToken ct) =>
                await sender.Send(new ResumePledge.Command(id), ct))
            .WithName("ResumePledge")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Resume a paused pledge from the next basket.")
            .WithDescription("The next basket charges it again: one month of a monthly pledge (never the months it was paused), or a per-use pledge's listening that month. Confirmed by mail; resuming a pledge that runs changes nothing. Another listener's pledge is 404.");
        pledges.MapPost("/{id:guid}/checkout", async (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                await sender.Send(new ResumeCheckout.Command(id, user.FindFirstValue(ClaimTypes.NameIdentifier)!), ct))
            .RequireAuthorization()
            .RequireRateLimiting(PledgeRateLimit)
            .WithName("ResumeCheckout")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Go back to pay a pledge left unpaid at Stripe Checkout.")
            .WithDescription("While the pledge's checkout session is open its address is returned; once it has expired, a new session is opened for the same pledge (idempotency key from the pledge and the attempt, so a retry gets the same one). A pledge paid, removed or never left at checkout is 400; another listener's is 404.");
        endpoints.MapGet("/api/v1/me/pledges", async (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                await sender.Send(new GetMyGiving.Query(user.FindFirstValue(ClaimTypes.NameIdentifier)!), ct))
            .RequireAuthorization()
            .WithTags("Pledges")
            .WithName("GetMyPledges")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The signed-in listener's pledges, newest first, with their payments.")
            .WithDescription("For listener accounts; staff accounts that are not listeners get 403.");
        return endpoints;
    }
}
