using EmanciPay.Application.Features.Stations;
using EmanciPay.Application.Features.Payouts;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace EmanciPay.Web.Api;

public static class PayoutsApi
{
    /// <param name="Amount">In minor units (cents); null pays out everything available.</param>
    /// <param name="Currency">Lower-case ISO 4217, like Stripe: "usd".</param>
    public sealed record PayoutRequest(long? Amount, string? Currency);

    public sealed record RejectRequest(string? Reason);

    public static IEndpointRouteBuilder MapPayoutsApi(this IEndpointRouteBuilder endpoints)
    {
        var station = endpoints.MapGroup("/api/v1/stations/{slug}/payouts").WithTags("Payouts").RequireAuthorization(WebSetup.StationManager);
        station.MapPost("/", async (string slug, PayoutRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ISender sender, CancellationToken ct) =>
            {
                var found = await sender.Send(new FindStation.Query(slug), ct);
                var result = await sender.Send(new RequestPayout.Command(found.Id, body.Amount, body.Currency, idempotencyKey ?? ""), ct);
                return TypedResults.Created($"/api/v1/stations/{found.Slug}/payouts", result);
            })
            .WithName("RequestPayout")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Ask for a payout of all or part of what the station's escrow has available.")
            .WithDescription("For the station's managers. The amount is reserved at once; above the approval limit the payout waits for finance, otherwise it is transferred to the station's Stripe account shortly. More than is available (another payout may have just reserved it) is 400 naming amount. A retry with the same Idempotency-Key and body gets the first response again.");
        station.MapGet("/", async (string slug, ISender sender, CancellationToken ct) =>
                await sender.Send(new ListPayouts.Query((await sender.Send(new FindStation.Query(slug), ct)).Id), ct))
            .WithName("ListPayouts")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The station's payouts, newest first, with what is available and its schedules.")
            .WithDescription("For the station's managers.");

        var finance = endpoints.MapGroup("/api/v1/finance/payouts").WithTags("Payouts").RequireAuthorization(WebSetup.Finance);
        finance.MapGet("/", async (ISender sender, CancellationToken ct) => await sender.Send(new ListPayoutsAwaitingApproval.Query(), ct))
            .WithName("ListPayoutsAwaitingApproval")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Payouts above the approval limit waiting for finance, oldest first.")
            .WithDescription("For finance users signed in with a second factor.");
        finance.MapPost("/{id:guid}/approve", async (Guid id, ISender sender, CancellationToken ct) => await sender.Send(new ApprovePayout.Command(id), ct))
            .WithName("ApprovePayout")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Approve a payout awaiting approval; its transfer follows shortly.")
            .WithDescription("For finance users signed in with a second factor, other than the payout's requester (403). A payout not awaiting approval is 400 naming status.");
        finance.MapPost("/{id:guid}/reject", async (Guid id, RejectRequest body, ISender sender, CancellationToken ct) => await sender.Send(new RejectPayout.Command(id, body.Reason), ct))
            .WithName("RejectPayout")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Reject a payout awaiting approval, with a reason the station's managers are mailed.")
            .WithDescription("The reserved amount is available to the station again. For finance users signed in with a second factor, other than the payout's requester.");
        return endpoints;
    }
}
