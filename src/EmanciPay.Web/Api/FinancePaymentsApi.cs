using EmanciPay.Application.Features.Refunds;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace EmanciPay.Web.Api;

public static class FinancePaymentsApi
{
    /// <param name="Amount">In minor units (cents); null refunds everything not yet refunded.</param>
    /// <param name="Reason">Why the money goes back; required.</param>
    public sealed record RefundRequest(long? Amount, string? Reason);

    public static IEndpointRouteBuilder MapFinancePaymentsApi(this IEndpointRouteBuilder endpoints)
    {
        var finance = endpoints.MapGroup("/api/v1/finance/payments").WithTags("Refunds").RequireAuthorization(WebSetup.Finance);
        finance.MapPost("/{id:guid}/refunds", async (Guid id, RefundRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ISender sender, CancellationToken ct) =>
            {
                var result = await sender.Send(new IssueRefund.Command(id, body.Amount, body.Reason, idempotencyKey ?? ""), ct);
                return TypedResults.Created($"/api/v1/finance/payments/{id}/refunds", result);
            })
            .WithName("RefundPayment")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Refund a payment in full or in part, with a reason.")
            .WithDescription("For finance users signed in with a second factor. Stripe refunds the listener and the station's escrow gives the amount back; if it was paid out, the station's transfer is reversed first as far as its Stripe account still holds the money, and what is left is flagged for recovery from its next pledges. More than is left to refund is 400 naming amount. A retry with the same Idempotency-Key and body gets the same refund; another body with that key is 422.");
        return endpoints;
    }
}
