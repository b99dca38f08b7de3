using EmanciPay.Application.Features.Payments;
using EmanciPay.Infrastructure.Payments;

namespace EmanciPay.Web.Api;

public static class StripeWebhookEndpoint
{
    /// <summary>
    /// Stripe's events: a bad, missing or stale signature is 400 and records nothing; a verified event is put in the
    /// inbox and answered 200 at once (a duplicate too), and its effects are posted in the background.
    /// </summary>
    public static IEndpointRouteBuilder MapStripeWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/webhooks/stripe", async (HttpRequest request, StripeWebhooks webhooks, StripeEventInbox inbox, CancellationToken ct) =>
            {
                using var reader = new StreamReader(request.Body);
                var payload = await reader.ReadToEndAsync(ct);
                if (!webhooks.TryRead(payload, request.Headers["Stripe-Signature"].ToString(), out var webhook))
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a verified Stripe event: the Stripe-Signature is missing, invalid or too old, or the event is not in the API version this app reads.");
                }

                var added = await inbox.AcceptAsync(new ReceiveStripeEvents.ReceivedEvent(webhook!.EventId, webhook.Type, webhook.PaymentIntentId, payload), ct);
                return Results.Ok(new { received = true, duplicate = !added });
            })
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return endpoints;
    }
}
