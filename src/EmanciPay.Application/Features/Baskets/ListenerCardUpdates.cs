using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Baskets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Application.Features.Baskets;

/// <summary>
/// A card a listener saved through a setup-mode Checkout Session becomes the one their baskets are charged to, inside
/// the transaction that marks its event processed. When it is a new card, every basket of theirs that was paused or
/// waiting to retry is resumed and charged again by a job after commit (never from here: no call to Stripe while the
/// transaction is open), and the listener is mailed. Safe to run again: the same card a second time, from the other
/// event or a redelivery, changes nothing, and an older setup arriving late does not replace a newer card.
/// </summary>
public sealed partial class ListenerCardUpdates(IAppDbContext db, IUserAccounts accounts, IBackgroundJobs jobs, TimeProvider clock, ILogger<ListenerCardUpdates> logger)
{
    public async Task RecordAsync(IReadOnlyList<CardSetup> setups, IReadOnlyList<StripeEvent> events, CancellationToken cancellationToken)
    {
        var eventIds = events.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var setup in setups.Where(s => eventIds.Contains(s.EventId)).OrderBy(s => s.At))
        {
            if (setup is not { ListenerId: { } listenerId, CustomerId: { } customerId })
            {
                // Not one of ours: a setup made outside the card update names no listener (or no customer to charge).
                LogNotOurs(logger, setup.SetupIntentId);
                continue;
            }

            if (!(await accounts.EmailsAsync([listenerId], cancellationToken)).ContainsKey(listenerId))
            {
                LogNoListener(logger, setup.SetupIntentId);
                continue;
            }

            var card = db.ListenerCards.Local.FirstOrDefault(c => c.ListenerId == listenerId) ?? await db.ListenerCards.FindAsync([listenerId], cancellationToken);
            if (card is null)
            {
                db.ListenerCards.Add(ListenerCard.Save(listenerId, customerId, setup.PaymentMethodId, setup.At));
            }
            else if (card.CustomerId != customerId)
            {
                // Our sessions are made for the listener's own customer: a card of another customer is never theirs to charge.
                LogOtherCustomer(logger, setup.SetupIntentId);
                continue;
            }
            else if (card.PaymentMethodId == setup.PaymentMethodId)
            {
                continue;
            }
            else
            {
                card.Replace(customerId, setup.PaymentMethodId, setup.At);
                if (card.PaymentMethodId != setup.PaymentMethodId)
                {
                    continue;
                }
            }

            await ResumeBasketsAsync(listenerId, cancellationToken);
            jobs.EnqueueAfterCommit(new SendCardUpdated.Command(listenerId));
        }
    }

    private async Task ResumeBasketsAsync(string listenerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var waiting = await db.Baskets.Where(b => b.ListenerId == listenerId && (b.Status == BasketStatus.Paused || b.Status == BasketStatus.Retrying)).ToListAsync(cancellationToken);
        foreach (var basket in waiting)
        {
            basket.Resume(now);
        }

        foreach (var period in waiting.Select(b => b.Period).Distinct())
        {
            jobs.EnqueueAfterCommit(new ChargeBasket.Command(listenerId, period));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SetupIntent {SetupIntentId} names no listener of ours or no customer; no card changed")]
    private static partial void LogNotOurs(ILogger logger, string setupIntentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SetupIntent {SetupIntentId} names a listener who no longer has an account; no card saved")]
    private static partial void LogNoListener(ILogger logger, string setupIntentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SetupIntent {SetupIntentId} is for another customer than the listener's card; not saved")]
    private static partial void LogOtherCustomer(ILogger logger, string setupIntentId);
}
