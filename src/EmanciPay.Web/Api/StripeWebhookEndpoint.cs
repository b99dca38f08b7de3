using System.Text;
using EmanciPay.Application.Payments;
using Microsoft.Extensions.Options;

namespace EmanciPay.Web.Api;

public static class StripeWebhookEndpoint
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>
    /// Stripe's events: a body larger than Stripe:WebhookMaxBodyBytes is 413 and is not read (by its Content-Length, or
    /// once a chunked body passes the limit); a bad, missing or stale signature is 400 and records nothing; a verified
    /// event is put in the inbox and answered 200 at once (a duplicate too), and its effects are posted in the background.
    /// </summary>
    public static IEndpointRouteBuilder MapStripeWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/webhooks/stripe", async (HttpRequest request, IStripeWebhookReceiver receiver, IOptions<StripeEventOptions> options, CancellationToken ct) =>
            {
                var limit = options.Value.WebhookMaxBodyBytes;
                if (request.ContentLength > limit || await ReadAtMostAsync(request.Body, limit, ct) is not { } payload)
                {
                    return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"The body is larger than any Stripe event: at most {limit} bytes are accepted.");
                }

                var receipt = await receiver.ReceiveAsync(payload, request.Headers["Stripe-Signature"].ToString(), ct);
                if (receipt == WebhookReceipt.Unverified)
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a verified Stripe event: the Stripe-Signature is missing, invalid or too old, or the event is not in the API version this app reads.");
                }

                return Results.Ok(new { received = true, duplicate = receipt == WebhookReceipt.Duplicate });
            })
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The body as text, or null as soon as it passes <paramref name="limit"/> bytes: the rest is never read.</summary>
    private static async Task<string?> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var read = new MemoryStream();
        var chunk = new byte[ChunkBytes];
        int count;
        while ((count = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (read.Length + count > limit)
            {
                return null;
            }

            read.Write(chunk, 0, count);
        }

        return Encoding.UTF8.GetString(read.GetBuffer(), 0, (int)read.Length);
    }
}
