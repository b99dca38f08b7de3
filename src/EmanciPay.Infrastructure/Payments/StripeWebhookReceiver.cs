using EmanciPay.Application.Features.Payments;
using EmanciPay.Application.Payments;

namespace EmanciPay.Infrastructure.Payments;

/// <summary>The webhook endpoint's port: Stripe.net checks the signature, the intake stores the event.</summary>
internal sealed class StripeWebhookReceiver(StripeWebhooks webhooks, StripeEventIntake intake) : IStripeWebhookReceiver
{
    public async Task<WebhookReceipt> ReceiveAsync(string payload, string? signature, CancellationToken cancellationToken)
    {
        if (!webhooks.TryRead(payload, signature, out var webhook))
        {
            return WebhookReceipt.Unverified;
        }

        var added = await intake.AcceptAsync(new ReceiveStripeEvents.ReceivedEvent(webhook!.EventId, webhook.Type, webhook.ObjectType, webhook.ObjectId, payload), cancellationToken);
        return added ? WebhookReceipt.Added : WebhookReceipt.Duplicate;
    }
}
