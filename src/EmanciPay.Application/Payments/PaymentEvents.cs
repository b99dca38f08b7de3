using System.Collections.Frozen;
using System.Text.Json;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Baskets;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Payments;

/// <summary>
/// The payments area's Stripe events: those about a PaymentIntent, its charge or its Checkout Session. Events only say
/// which payment changed; payments already in our books are skipped, and the rest are read as Stripe reports them now
/// (a batch costs one page of Stripe's balance transactions, not a call each), so events arriving in any order (charge
/// before intent, intent before checkout) converge on the same books. A checkout that expires unpaid expires its pledge. Refunds and disputes are not payments' to handle.
/// A Checkout Session in setup mode saved a card, not a payment: it goes to the listener's card update.
/// </summary>
public sealed class PaymentEvents(IAppDbContext db, IPaymentGateway gateway, PaymentRecorder recorder, ListenerCardUpdates cards) : IStripeEventsHandler
{
    public static readonly FrozenSet<string> Types = FrozenSet.Create(
        StringComparer.Ordinal,
        "payment_intent.created",
        "payment_intent.processing",
        "payment_intent.requires_action",
        "payment_intent.succeeded",
        "payment_intent.payment_failed",
        "payment_intent.canceled",
        "charge.pending",
        "charge.succeeded",
        "charge.failed",
        "checkout.session.completed",
        "checkout.session.async_payment_succeeded",
        "checkout.session.async_payment_failed",
        "checkout.session.expired");

    public IReadOnlyCollection<string> EventTypes => Types;

    public async Task<StripeEventReading> ReadAsync(IReadOnlyList<StripeEvent> events, CancellationToken cancellationToken)
    {
        var intentByEvent = events.ToDictionary(e => e.Id, PaymentIntentOf, StringComparer.Ordinal);
        var intentIds = intentByEvent.Values.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var recorded = (await db.Payments.AsNoTracking().Where(p => intentIds.Contains(p.PaymentIntentId)).Select(p => p.PaymentIntentId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var open = events
            .Where(e => intentByEvent[e.Id] is { } intentId && !recorded.Contains(intentId))
            .Select(e => new StripeEventPayload(e.Type, intentByEvent[e.Id]!, e.Payload))
            .ToList();
        var payments = open.Count == 0 ? [] : await gateway.ReadPaymentsAsync(open, cancellationToken);
        var completedWithoutPayment = events.Where(e => e.Type == "checkout.session.completed" && intentByEvent[e.Id] is null).ToList();
        var cardSetups = completedWithoutPayment.Count == 0 ? [] : await gateway.ReadCardSetupsAsync(completedWithoutPayment, cancellationToken);
        return new Reading(intentByEvent, payments, cardSetups);
    }

    public async Task ApplyAsync(IReadOnlyList<StripeEvent> events, StripeEventReading reading, CancellationToken cancellationToken)
    {
        var read = (Reading)reading;
        var intentIds = events.Select(e => read.IntentByEvent[e.Id]).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var payments = read.Payments.Where(p => intentIds.Contains(p.PaymentIntentId)).ToList();
        if (payments.Count > 0)
        {
            // The recorder checks again which payments are in the books: another event or the thank-you page may have won.
            await recorder.RecordAsync(payments, cancellationToken);
        }

        await cards.RecordAsync(read.CardSetups, events, cancellationToken);

        // A checkout that timed out unpaid: its pledge stops waiting (one paid meanwhile is not touched).
        var expiredSessions = events.Where(e => e.Type == "checkout.session.expired" && e.ObjectId is not null).Select(e => e.ObjectId).ToList();
        if (expiredSessions.Count > 0)
        {
            foreach (var pledge in await db.Pledges.Where(p => expiredSessions.Contains(p.CheckoutSessionId)).ToListAsync(cancellationToken))
            {
                pledge.ExpireCheckout();
            }
        }
    }

    /// <summary>The PaymentIntent an event is about: the object itself, or the one its charge or Checkout Session names.</summary>
    private static string? PaymentIntentOf(StripeEvent stripeEvent)
    {
        if (stripeEvent.ObjectType == "payment_intent")
        {
            return stripeEvent.ObjectId;
        }

        if (stripeEvent.ObjectType is not ("charge" or "checkout.session"))
        {
            return null;
        }

        using var document = JsonDocument.Parse(stripeEvent.Payload);
        return document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("object", out var subject) && subject.ValueKind == JsonValueKind.Object
            && subject.TryGetProperty("payment_intent", out var intent) && intent.ValueKind == JsonValueKind.String
            && intent.GetString() is { Length: > 0 and <= StripeEvent.MaxIdLength } intentId
                ? intentId
                : null;
    }

    private sealed record Reading(IReadOnlyDictionary<string, string?> IntentByEvent, IReadOnlyList<PaymentSnapshot> Payments, IReadOnlyList<CardSetup> CardSetups) : StripeEventReading;
}
