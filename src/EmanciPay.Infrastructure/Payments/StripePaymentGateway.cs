using System.Globalization;
using EmanciPay.Application.Payments;
using Stripe;
using Stripe.Checkout;

namespace EmanciPay.Infrastructure.Payments;

/// <summary>
/// Stripe through Stripe.net: Checkout Sessions to pay, PaymentIntents (with their charge's balance transaction) to
/// learn how a payment stands. Calls that create money movements carry an idempotency key derived from our pledge id,
/// and our id in their metadata.
/// </summary>
internal sealed class StripePaymentGateway(IStripeClient stripe, ChargeFees chargeFees) : IPaymentGateway
{
    public const string PledgeIdKey = "pledge_id";

    public const string BasketIdKey = "basket_id";

    public const string ListenerIdKey = "listener_id";

    public async Task<Application.Payments.CheckoutSession> CreateCheckoutSessionAsync(CheckoutRequest request, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string> { [PledgeIdKey] = request.PledgeId.ToString() };
        var session = await StripeCalls.Reachable(() => new SessionService(stripe).CreateAsync(
            new SessionCreateOptions
            {
                Mode = "payment",
                SuccessUrl = request.SuccessUrl.ToString(),
                CancelUrl = request.CancelUrl.ToString(),
                CustomerEmail = request.CustomerEmail,
                ClientReferenceId = request.PledgeId.ToString(),
                Metadata = metadata,
                PaymentIntentData = new SessionPaymentIntentDataOptions
                {
                    Metadata = metadata,
                    Description = request.Description,
                    SetupFutureUsage = request.SaveCardForLaterCycles ? "off_session" : null,
                },
                LineItems =
                [
                    new SessionLineItemOptions
                    {
                        Quantity = 1,
                        PriceData = new SessionLineItemPriceDataOptions
                        {
                            Currency = request.Currency,
                            UnitAmount = request.Amount,
                            ProductData = new SessionLineItemPriceDataProductDataOptions { Name = request.Description },
                        },
                    },
                ],
            },
            new RequestOptions { IdempotencyKey = request.Attempt == 0 ? $"pledge-{request.PledgeId}-checkout" : $"pledge-{request.PledgeId}-checkout-{request.Attempt}" },
            cancellationToken));
        return new Application.Payments.CheckoutSession(session.Id, new Uri(session.Url));
    }

    public async Task<CheckoutSessionState> GetCheckoutSessionAsync(string checkoutSessionId, CancellationToken cancellationToken)
    {
        var session = await StripeCalls.Reachable(() => new SessionService(stripe).GetAsync(checkoutSessionId, cancellationToken: cancellationToken));
        return new CheckoutSessionState(session.Status, session.Url is { Length: > 0 } url ? new Uri(url) : null);
    }

    public async Task<string?> GetCheckoutPaymentIntentIdAsync(string checkoutSessionId, CancellationToken cancellationToken) =>
        (await new SessionService(stripe).GetAsync(checkoutSessionId, cancellationToken: cancellationToken)).PaymentIntentId;

    public async Task<bool> ExpireCheckoutSessionAsync(string checkoutSessionId, CancellationToken cancellationToken)
    {
        var sessions = new SessionService(stripe);
        try
        {
            return (await sessions.ExpireAsync(checkoutSessionId, cancellationToken: cancellationToken)).Status == "expired";
        }
        catch (StripeException notOpen) when (notOpen.StripeError?.Type == "invalid_request_error")
        {
            // Only an open session can be expired: it has expired already, or it was paid.
            return (await sessions.GetAsync(checkoutSessionId, cancellationToken: cancellationToken)).Status == "expired";
        }
    }

    public async Task<PaymentSnapshot> GetPaymentAsync(string paymentIntentId, CancellationToken cancellationToken)
    {
        var intent = await new PaymentIntentService(stripe).GetAsync(
            paymentIntentId,
            new PaymentIntentGetOptions { Expand = ["latest_charge.balance_transaction"] },
            cancellationToken: cancellationToken);
        return Snapshot(intent, intent.LatestCharge?.BalanceTransaction?.Fee);
    }

    public async Task<IReadOnlyList<PaymentSnapshot>> ReadPaymentsAsync(IReadOnlyCollection<StripeEventPayload> events, CancellationToken cancellationToken)
    {
        var succeeded = new Dictionary<string, PaymentIntent>(StringComparer.Ordinal);
        foreach (var payload in events.Where(e => e.Type == EventTypes.PaymentIntentSucceeded))
        {
            // Verified on arrival; the API version was checked then too.
            if (EventUtility.ParseEvent(payload.Payload, throwOnApiVersionMismatch: false).Data.Object is PaymentIntent { Status: "succeeded", LatestChargeId: not null } intent)
            {
                succeeded.TryAdd(intent.Id, intent);
            }
        }

        var fees = succeeded.Count == 0 ? [] : await chargeFees.FindAsync(stripe, succeeded.Values.Select(i => (i.LatestChargeId, i.Created)).ToList(), cancellationToken);
        var payments = new Dictionary<string, PaymentSnapshot>(StringComparer.Ordinal);
        foreach (var intent in succeeded.Values.Where(i => fees.ContainsKey(i.LatestChargeId)))
        {
            payments[intent.Id] = Snapshot(intent, fees[intent.LatestChargeId]);
        }

        foreach (var intentId in events.Select(e => e.PaymentIntentId).Distinct(StringComparer.Ordinal).Where(id => !payments.ContainsKey(id)).ToList())
        {
            payments[intentId] = await GetPaymentAsync(intentId, cancellationToken);
        }

        return payments.Values.ToList();
    }

    private static PaymentSnapshot Snapshot(PaymentIntent intent, long? fee)
    {
        var pledgeId = IdIn(intent.Metadata, PledgeIdKey);
        var state = intent.Status switch
        {
            "succeeded" => PaymentState.Succeeded,
            "canceled" => PaymentState.Failed,
            "requires_payment_method" when intent.LastPaymentError is not null => PaymentState.Failed,
            _ => PaymentState.Pending,
        };
        return new PaymentSnapshot(
            intent.Id,
            state,
            state == PaymentState.Succeeded ? intent.AmountReceived : intent.Amount,
            state == PaymentState.Succeeded ? fee ?? throw new InvalidOperationException($"Payment {intent.Id} succeeded without a balance transaction.") : 0,
            intent.Currency,
            pledgeId,
            intent.LastPaymentError?.Message,
            intent.CustomerId,
            intent.PaymentMethodId,
            IdIn(intent.Metadata, BasketIdKey));
    }

    private static Guid? IdIn(Dictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var id) && Guid.TryParse(id, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    public async Task<string> RefundAsync(Guid paymentId, string paymentIntentId, long amount, CancellationToken cancellationToken)
    {
        var refund = await new RefundService(stripe).CreateAsync(
            new RefundCreateOptions
            {
                PaymentIntent = paymentIntentId,
                Amount = amount,
                Reason = "requested_by_customer",
                Metadata = new Dictionary<string, string> { ["payment_id"] = paymentId.ToString() },
            },
            new RequestOptions { IdempotencyKey = $"payment-{paymentId}-refund" },
            cancellationToken);
        return refund.Id;
    }

    public async Task<PaymentSnapshot> ChargeSavedCardAsync(SavedCardCharge charge, CancellationToken cancellationToken)
    {
        // Stripe forgets idempotency keys after 24 hours: a retry later than that must find the first attempt, not charge again.
        var attempt = charge.Attempt.ToString(CultureInfo.InvariantCulture);
        var earlier = await new PaymentIntentService(stripe).ListAsync(new PaymentIntentListOptions { Customer = charge.CustomerId, Limit = 100 }, cancellationToken: cancellationToken);
        if (earlier.Data.FirstOrDefault(i => i.Metadata.GetValueOrDefault(BasketIdKey) == charge.BasketId.ToString() && i.Metadata.GetValueOrDefault("attempt") == attempt) is { } attempted)
        {
            return await GetPaymentAsync(attempted.Id, cancellationToken);
        }

        PaymentIntent intent;
        try
        {
            intent = await new PaymentIntentService(stripe).CreateAsync(
                new PaymentIntentCreateOptions
                {
                    Amount = charge.Amount,
                    Currency = charge.Currency,
                    Customer = charge.CustomerId,
                    PaymentMethod = charge.PaymentMethodId,
                    Confirm = true,
                    OffSession = true,
                    Description = charge.Description,
                    Metadata = new Dictionary<string, string> { [BasketIdKey] = charge.BasketId.ToString(), ["attempt"] = attempt },
                },
                new RequestOptions { IdempotencyKey = $"basket-{charge.BasketId}-attempt-{charge.Attempt}" },
                cancellationToken);
        }
        catch (StripeException declined) when (declined.StripeError?.Type == "card_error")
        {
            return new PaymentSnapshot(
                declined.StripeError.PaymentIntent?.Id ?? $"declined-{charge.BasketId}-attempt-{charge.Attempt}",
                PaymentState.Failed,
                charge.Amount,
                0,
                charge.Currency,
                null,
                declined.StripeError.Message,
                BasketId: charge.BasketId);
        }

        return await GetPaymentAsync(intent.Id, cancellationToken);
    }

    public async Task<Application.Payments.CheckoutSession> CreateCardSetupSessionAsync(CardSetupRequest request, CancellationToken cancellationToken)
    {
        // Our listener id rides on the SetupIntent, set here with our secret key: the setup's events say whose card it is.
        var metadata = new Dictionary<string, string> { [ListenerIdKey] = request.ListenerId };
        var session = await StripeCalls.Reachable(() => new SessionService(stripe).CreateAsync(
            new SessionCreateOptions
            {
                Mode = "setup",
                Currency = request.Currency,
                Customer = request.CustomerId,
                CustomerCreation = request.CustomerId is null ? "always" : null,
                CustomerEmail = request.CustomerId is null ? request.CustomerEmail : null,
                SuccessUrl = request.SuccessUrl.ToString(),
                CancelUrl = request.CancelUrl.ToString(),
                Metadata = metadata,
                SetupIntentData = new SessionSetupIntentDataOptions { Description = "The card for your EmanciPay basket", Metadata = metadata },
            },
            cancellationToken: cancellationToken));
        return new Application.Payments.CheckoutSession(session.Id, new Uri(session.Url));
    }

    public async Task<CardDescription?> DescribeCardAsync(string paymentMethodId, CancellationToken cancellationToken)
    {
        try
        {
            var method = await StripeCalls.Reachable(() => new PaymentMethodService(stripe).GetAsync(paymentMethodId, cancellationToken: cancellationToken));
            return method.Card is { } card ? new CardDescription(card.Brand, card.Last4, card.ExpMonth, card.ExpYear) : null;
        }
        catch (StripeException missing) when (missing.HttpStatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<CardSetup>> ReadCardSetupsAsync(IReadOnlyCollection<StripeEvent> events, CancellationToken cancellationToken)
    {
        var setups = new List<CardSetup>();
        foreach (var stripeEvent in events)
        {
            // Verified on arrival; the API version was checked then too.
            var parsed = EventUtility.ParseEvent(stripeEvent.Payload, throwOnApiVersionMismatch: false);
            var intent = parsed.Data.Object switch
            {
                SetupIntent received => received,
                Session { Mode: "setup", SetupIntentId: { } intentId } => await new SetupIntentService(stripe).GetAsync(intentId, cancellationToken: cancellationToken),
                _ => null,
            };
            if (intent is { Status: "succeeded", PaymentMethodId: { } method })
            {
                setups.Add(new CardSetup(stripeEvent.Id, intent.Id, intent.Metadata.GetValueOrDefault(ListenerIdKey), intent.CustomerId, method, new DateTimeOffset(DateTime.SpecifyKind(parsed.Created, DateTimeKind.Utc))));
            }
        }

        return setups;
    }
}
