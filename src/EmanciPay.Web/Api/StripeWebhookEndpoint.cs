using EmanciPay.Application.Features.Payments;
using EmanciPay.Infrastructure.Payments;
using Mediator;

namespace EmanciPay.Web.Api;

public static class StripeWebhookEndpoint
{
    /// <summary>Stripe's events: a bad, missing or stale signature is 400 and records nothing; a duplicate is 200.</summary>
    public static IEndpointRouteBuilder MapStripeWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/webhooks/stripe", async (HttpRequest request, StripeWebhooks webhooks, ISender sender, CancellationToken ct) =>
            {
                using var reader = new StreamReader(request.Body);
                var payload = await reader.ReadToEndAsync(ct);
                if (!webhooks.TryRead(payload, request.Headers["Stripe-Signature"].ToString(), out var webhook))
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The Stripe-Signature is missing, invalid or too old.");
                }

                var result = await sender.Send(new HandleStripeEvent.Command(webhook!.EventId, webhook.Type, webhook.PaymentIntentId), ct);
                return Results.Ok(new { received = true, duplicate = result.Duplicate });
            })
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return endpoints;
    }
}
