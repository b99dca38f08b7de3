namespace EmanciPay.Application.Payments;

public sealed record CheckoutRequest(
    Guid PledgeId,
    long Amount,
    string Currency,
    string Description,
    string CustomerEmail,
    bool SaveCardForLaterCycles,
    Uri SuccessUrl,
    Uri CancelUrl,
    /// <summary>0 for the pledge's first checkout; 1, 2... for each one opened again after the last expired unpaid. Part of the idempotency key.</summary>
    int Attempt = 0);

public sealed record CheckoutSession(string Id, Uri Url);

/// <summary>Where a Checkout Session stands at Stripe: open (with the address to pay at), complete (paid) or expired.</summary>
public sealed record CheckoutSessionState(string Status, Uri? Url)
{
    public bool IsOpen => Status == "open" && Url is not null;

    public bool IsExpired => Status == "expired";
}

public enum PaymentState
{
    Pending,
    Succeeded,
    Failed,
}

/// <summary>A payment as Stripe knows it now: the source of truth whatever order its events arrived in.</summary>
public sealed record PaymentSnapshot(
    string PaymentIntentId,
    PaymentState State,
    long Amount,
    long Fee,
    string Currency,
    Guid? PledgeId,
    string? FailureMessage,
    string? CustomerId = null,
    string? PaymentMethodId = null,
    Guid? BasketId = null);

/// <summary>A Stripe event waiting to be processed: its type, the PaymentIntent it is about, and its payload as Stripe signed it.</summary>
public sealed record StripeEventPayload(string Type, string PaymentIntentId, string Payload);

/// <summary>One attempt to charge a listener's monthly basket to their saved card.</summary>
public sealed record SavedCardCharge(Guid BasketId, int Attempt, long Amount, string Currency, string CustomerId, string PaymentMethodId, string Description);

/// <summary>
/// A Checkout Session in setup mode that saves a new card for a listener's baskets: for their Stripe customer, or, when
/// they have no saved card yet, for a customer Stripe creates.
/// </summary>
public sealed record CardSetupRequest(string ListenerId, string? CustomerId, string CustomerEmail, string Currency, Uri SuccessUrl, Uri CancelUrl);

/// <summary>A card saved at Stripe through a SetupIntent, as Stripe reports it; <paramref name="At"/> is when Stripe said so.</summary>
public sealed record CardSetup(string EventId, string SetupIntentId, string? ListenerId, string? CustomerId, string PaymentMethodId, DateTimeOffset At);

/// <summary>What a listener is shown of a saved card, to recognise it: never its number, only brand, last four digits and expiry.</summary>
public sealed record CardDescription(string Brand, string Last4, long ExpMonth, long ExpYear)
{
    private static readonly Dictionary<string, string> BrandNames = new(StringComparer.Ordinal)
    {
        ["amex"] = "American Express", ["cartes_bancaires"] = "Cartes Bancaires", ["diners"] = "Diners Club", ["discover"] = "Discover",
        ["eftpos_au"] = "eftpos", ["jcb"] = "JCB", ["mastercard"] = "Mastercard", ["unionpay"] = "UnionPay", ["visa"] = "Visa",
    };

    /// <summary>"Visa ending in 4242, expiring 12/2029".</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{BrandNames.GetValueOrDefault(Brand, "Card")} ending in {Last4}, expiring {ExpMonth:00}/{ExpYear}");
}

/// <summary>The card processor (Stripe through Stripe.net). Every call that moves money carries an idempotency key derived from our own id.</summary>
public interface IPaymentGateway
{
    Task<CheckoutSession> CreateCheckoutSessionAsync(CheckoutRequest request, CancellationToken cancellationToken);

    Task<CheckoutSessionState> GetCheckoutSessionAsync(string checkoutSessionId, CancellationToken cancellationToken);

    /// <summary>The PaymentIntent behind a Checkout Session, once the listener has tried to pay; null before.</summary>
    Task<string?> GetCheckoutPaymentIntentIdAsync(string checkoutSessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Closes a Checkout Session so that it can no longer be paid. True when it is closed unpaid (now, or it had
    /// expired already); false when the listener paid it first.
    /// </summary>
    Task<bool> ExpireCheckoutSessionAsync(string checkoutSessionId, CancellationToken cancellationToken);

    Task<PaymentSnapshot> GetPaymentAsync(string paymentIntentId, CancellationToken cancellationToken);

    /// <summary>
    /// The payments some events are about, one per PaymentIntent, in any order of the events. A succeeded
    /// PaymentIntent never changes again, so its event's payload is read as is; any other is read from Stripe. Fees
    /// come from Stripe's balance transactions, listed a page at a time rather than read one payment at a time.
    /// </summary>
    Task<IReadOnlyList<PaymentSnapshot>> ReadPaymentsAsync(IReadOnlyCollection<StripeEventPayload> events, CancellationToken cancellationToken);

    /// <summary>Refunds a payment in full; the idempotency key is our payment id, so a retry refunds once.</summary>
    Task<string> RefundAsync(Guid paymentId, string paymentIntentId, long amount, CancellationToken cancellationToken);

    /// <summary>Charges a saved card off-session; a decline comes back as a failed snapshot, not an exception.</summary>
    Task<PaymentSnapshot> ChargeSavedCardAsync(SavedCardCharge charge, CancellationToken cancellationToken);

    /// <summary>A saved card as Stripe describes it; null for a payment method that is not a card, or Stripe no longer has.</summary>
    Task<CardDescription?> DescribeCardAsync(string paymentMethodId, CancellationToken cancellationToken);

    /// <summary>A Checkout Session in setup mode where the listener saves a new card; nothing is charged.</summary>
    Task<CheckoutSession> CreateCardSetupSessionAsync(CardSetupRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The cards saved by some events (<c>setup_intent.succeeded</c>, or <c>checkout.session.completed</c> in setup mode):
    /// a succeeded SetupIntent never changes again, so its event's payload is read as is; a session's SetupIntent is
    /// read from Stripe. Events about anything else, or a setup that has not succeeded, give nothing.
    /// </summary>
    Task<IReadOnlyList<CardSetup>> ReadCardSetupsAsync(IReadOnlyCollection<StripeEvent> events, CancellationToken cancellationToken);
}

/// <summary>Absolute addresses of our own pages, for Stripe to send listeners back to.</summary>
public interface IAppUrls
{
    /// <summary>The thank-you page; Stripe replaces {CHECKOUT_SESSION_ID} in it.</summary>
    Uri PledgeThanks(Guid pledgeId);

    /// <summary>Where Stripe sends a listener who leaves checkout: the station page, flagged so that it says nothing was charged.</summary>
    Uri CheckoutCancelled(string slug);

    /// <summary>The receipt's link that cancels a monthly pledge without signing in; the token proves it came from us.</summary>
    Uri CancelPledge(Guid pledgeId, string token);

    /// <summary>The link mailed to a claim's address at the station's domain; the token proves the mailbox is the claimant's.</summary>
    Uri ConfirmClaimEmail(Guid claimId, string token);

    /// <summary>The link mailed to someone invited to manage a station: the page where they accept.</summary>
    Uri AcceptManagerInvitation(string token);

    /// <summary>A station's public page.</summary>
    Uri Station(string slug);

    /// <summary>The listener's own page of all their giving, where they change their choices.</summary>
    Uri MyGiving();

    /// <summary>The listener's monthly basket: what is due, its split, past baskets, and their card.</summary>
    Uri MyBasket();

    /// <summary>Any page of ours by its path ("proofs/abc"), for links shown to be copied: proofs, feeds, the pledge button.</summary>
    Uri Resolve(string relative);
}

/// <summary>Tokens that let whoever holds a receipt cancel its monthly pledge, and nothing else.</summary>
public interface IPledgeCancelTokens
{
    string Issue(Guid pledgeId);

    bool Verify(Guid pledgeId, string token);
}
