using System.Collections.Frozen;
using EmanciPay.Application.Payments;

namespace EmanciPay.Application.Features.Baskets;

/// <summary>
/// The SetupIntent events of a listener's card update. Only <c>setup_intent.succeeded</c> changes anything, and it is
/// read from its payload (a succeeded SetupIntent never changes again), so no call to Stripe is needed; the others are
/// kept as processed. The setup-mode <c>checkout.session.completed</c> is the payments area's type: it hands such
/// sessions to the same <see cref="ListenerCardUpdates"/>, so whichever event comes first replaces the card, once.
/// </summary>
public sealed class CardUpdateEvents(IPaymentGateway gateway, ListenerCardUpdates cards) : IStripeEventsHandler
{
    public static readonly FrozenSet<string> Types = FrozenSet.Create(
        StringComparer.Ordinal,
        "setup_intent.created",
        "setup_intent.requires_action",
        "setup_intent.setup_failed",
        "setup_intent.succeeded",
        "setup_intent.canceled");

    public IReadOnlyCollection<string> EventTypes => Types;

    public async Task<StripeEventReading> ReadAsync(IReadOnlyList<StripeEvent> events, CancellationToken cancellationToken)
    {
        var succeeded = events.Where(e => e.Type == "setup_intent.succeeded").ToList();
        return new Reading(succeeded.Count == 0 ? [] : await gateway.ReadCardSetupsAsync(succeeded, cancellationToken));
    }

    public Task ApplyAsync(IReadOnlyList<StripeEvent> events, StripeEventReading reading, CancellationToken cancellationToken) =>
        cards.RecordAsync(((Reading)reading).Setups, events, cancellationToken);

    private sealed record Reading(IReadOnlyList<CardSetup> Setups) : StripeEventReading;
}
