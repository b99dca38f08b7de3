using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payments;

namespace EmanciPay.Domain.Pledges;

public enum PledgeFrequency
{
    OneTime,
    Monthly,

    /// <summary>A rate per hour of listening, up to a cap a month, from the listener's own log; charged in their monthly basket.</summary>
    PerUse,
}

public enum PledgeStatus
{
    /// <summary>Waiting for the listener to pay at checkout.</summary>
    Pending,

    /// <summary>A monthly pledge whose first payment succeeded; later cycles charge the saved card.</summary>
    Active,

    /// <summary>A one-time pledge, paid.</summary>
    Paid,

    /// <summary>The payment was declined; nothing was posted.</summary>
    Failed,

    Cancelled,

    /// <summary>The checkout closed unpaid: it timed out at Stripe, or the listener removed the pledge. Nothing was charged.</summary>
    Expired,
}

/// <summary>A listener's promise to pay a recipient, once or monthly, on the listener's terms.</summary>
public sealed class Pledge
{
    public const int MaxMessageLength = 500;

    private Pledge(Guid id, Guid recipientId, string? listenerId, string email, PledgeQuote quote, Currency currency, PledgeFrequency frequency, string? message, bool anonymous, bool coverFee, DateTimeOffset createdAt)
    {
        Id = id;
        RecipientId = recipientId;
        ListenerId = listenerId;
        Email = email;
        Amount = quote.Pledged;
        ChargeAmount = quote.Charged;
        EstimatedFee = quote.Fee;
        Currency = currency;
        Frequency = frequency;
        Message = message;
        Anonymous = anonymous;
        CoverFee = coverFee;
        Status = PledgeStatus.Pending;
        CreatedAt = createdAt;
    }

    private Pledge()
    {
        Email = null!;
    }

    public Guid Id { get; private set; }

    public Guid RecipientId { get; private set; }

    /// <summary>The signed-in listener's user id; null for a guest's one-time pledge.</summary>
    public string? ListenerId { get; private set; }

    /// <summary>Where the receipt goes.</summary>
    public string Email { get; private set; }

    /// <summary>What the listener pledged.</summary>
    public long Amount { get; private set; }

    /// <summary>What the card is charged: the pledge, plus the fee when the listener chose to cover it.</summary>
    public long ChargeAmount { get; private set; }

    /// <summary>The fee quoted before paying; the ledger posts the fee Stripe actually took.</summary>
    public long EstimatedFee { get; private set; }

    public Currency Currency { get; private set; }

    public PledgeFrequency Frequency { get; private set; }

    public string? Message { get; private set; }

    /// <summary>The listener's term: the station never sees who gave.</summary>
    public bool Anonymous { get; private set; }

    public bool CoverFee { get; private set; }

    public PledgeStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string? CheckoutSessionId { get; private set; }

    public string? CheckoutUrl { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public string? FailureReason { get; private set; }

    /// <summary>For monthly pledges: the Stripe customer and card saved at the first payment, charged off-session later.</summary>
    public string? StripeCustomerId { get; private set; }

    public string? PaymentMethodId { get; private set; }

    /// <summary>When the next monthly cycle is due; null when nothing more will be charged.</summary>
    public DateTimeOffset? NextChargeAt { get; private set; }

    public int PaymentsCount { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    /// <summary>A one-time gift charged in the listener's monthly basket instead of at checkout.</summary>
    public bool InBasket { get; private set; }

    /// <summary>For a per-use pledge: minor units per hour listened; <see cref="Amount"/> is its monthly cap.</summary>
    public long? RatePerHour { get; private set; }

    /// <summary>Monthly cycles put in baskets (a cycle is billed when its basket opens, paid or carried forward), skipped, or let go while paused.</summary>
    public int BasketCycles { get; private set; }

    /// <summary>When the listener paused this monthly or per-use pledge; null while it runs. A paused pledge stays out of baskets until resumed.</summary>
    public DateTimeOffset? PausedAt { get; private set; }

    /// <summary>Checkout sessions opened again after the first one was left unpaid; each new one's idempotency key carries its number.</summary>
    public int CheckoutAttempts { get; private set; }

    /// <summary>When the current checkout session was opened; null for one opened with the pledge (<see cref="CreatedAt"/>).</summary>
    public DateTimeOffset? CheckoutOpenedAt { get; private set; }

    /// <summary>When the listener removed this pledge left at checkout: it is not offered to resume again.</summary>
    public DateTimeOffset? RemovedAt { get; private set; }

    /// <summary>How long a checkout left unpaid stays in My giving, ready to resume.</summary>
    public static readonly TimeSpan ResumableFor = TimeSpan.FromDays(30);

    /// <summary>A checkout that was never paid and not removed: its session is sent again, or a new one opened, for the same pledge.</summary>
    public bool CanResumeCheckout => PaymentsCount == 0 && RemovedAt is null && CheckoutSessionId is not null && !InBasket
        && Frequency != PledgeFrequency.PerUse && Status is PledgeStatus.Pending or PledgeStatus.Failed or PledgeStatus.Expired;

    /// <summary>
    /// The listener's choice for what an unclaimed station has not claimed when its hold ends: null gives it back (the
    /// default); otherwise the station, one that has claimed its escrow, that receives it instead.
    /// </summary>
    public Guid? FallbackRecipientId { get; private set; }

    /// <summary>Chooses, or changes, where unclaimed money goes at its deadline: another station, or back to the listener (null).</summary>
    public void ChooseFallback(Guid? recipientId)
    {
        if (recipientId == RecipientId)
        {
            throw new InvalidOperationException("A pledge's money cannot fall back to its own station.");
        }

        FallbackRecipientId = recipientId;
    }

    public static Pledge Create(Guid recipientId, string? listenerId, string email, PledgeQuote quote, Currency currency, PledgeFrequency frequency, string? message, bool anonymous, bool coverFee, DateTimeOffset createdAt)
    {
        if (quote.Pledged <= 0 || quote.Charged < quote.Pledged)
        {
            throw new ArgumentOutOfRangeException(nameof(quote), "A pledge must be for a positive amount.");
        }

        if (frequency == PledgeFrequency.Monthly && listenerId is null)
        {
            throw new InvalidOperationException("A monthly pledge needs a signed-in listener who can manage it.");
        }

        return new Pledge(Guid.CreateVersion7(createdAt), recipientId, listenerId, email, quote, currency, frequency, string.IsNullOrWhiteSpace(message) ? null : message.Trim(), anonymous, coverFee, createdAt);
    }

    /// <summary>A per-use pledge: active at once, nothing charged until its first basket; the cap is its <see cref="Amount"/>.</summary>
    public static Pledge PerUse(Guid recipientId, string listenerId, string email, long ratePerHour, long monthlyCap, Currency currency, bool anonymous, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listenerId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerHour);
        var pledge = Create(recipientId, listenerId, email, new PledgeQuote(monthlyCap, monthlyCap, 0, monthlyCap), currency, PledgeFrequency.PerUse, null, anonymous, false, createdAt);
        pledge.RatePerHour = ratePerHour;
        pledge.Status = PledgeStatus.Active;
        return pledge;
    }

    /// <summary>A one-time gift to be charged with the listener's next basket; pending until that basket is paid.</summary>
    public static Pledge ForBasket(Guid recipientId, string listenerId, string email, long amount, Currency currency, string? message, bool anonymous, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listenerId);
        var pledge = Create(recipientId, listenerId, email, new PledgeQuote(amount, amount, 0, amount), currency, PledgeFrequency.OneTime, message, anonymous, false, createdAt);
        pledge.InBasket = true;
        return pledge;
    }

    /// <summary>This month's cycle went into a basket: the next one is due a month later, on the first payment's day.</summary>
    public void BillCycle()
    {
        if (Frequency != PledgeFrequency.Monthly || Status != PledgeStatus.Active || PaidAt is null)
        {
            throw new InvalidOperationException("Only an active monthly pledge's due cycle can be billed.");
        }

        BasketCycles++;
        NextChargeAt = PaidAt.Value.AddMonths(PaymentsCount + BasketCycles);
    }

    /// <summary>A new monthly amount (or a per-use rate and cap), charged from the next basket on.</summary>
    public void Change(PledgeQuote quote, long? ratePerHour)
    {
        if (Status != PledgeStatus.Active || Frequency == PledgeFrequency.OneTime || quote.Pledged <= 0 || (Frequency == PledgeFrequency.PerUse) != ratePerHour is > 0)
        {
            throw new InvalidOperationException("Only an active monthly pledge's amount, or an active per-use pledge's rate and cap, can change.");
        }

        (Amount, ChargeAmount, EstimatedFee, RatePerHour) = (quote.Pledged, quote.Charged, quote.Fee, ratePerHour);
    }

    /// <summary>The next monthly cycle is skipped: nothing is charged for it, and the one after is due a month later.</summary>
    public void SkipCycle()
    {
        if (Frequency != PledgeFrequency.Monthly || Status != PledgeStatus.Active || PaidAt is null || PausedAt is not null)
        {
            throw new InvalidOperationException("Only an active monthly pledge that is not paused can skip a month.");
        }

        BasketCycles++;
        NextChargeAt = PaidAt.Value.AddMonths(PaymentsCount + BasketCycles);
    }

    /// <summary>Stops charging a monthly or per-use pledge until it is resumed: baskets leave it out. Pausing twice is harmless.</summary>
    public void Pause(DateTimeOffset at)
    {
        if (Status != PledgeStatus.Active || Frequency == PledgeFrequency.OneTime)
        {
            throw new InvalidOperationException("Only an active monthly or per-use pledge can be paused.");
        }

        PausedAt ??= at;
    }

    /// <summary>
    /// A paused pledge runs again from the next basket. Months a monthly pledge fell due while paused are let go, all
    /// but the latest one due by now, which the next basket charges; so resuming never charges more than one month.
    /// </summary>
    public void Resume(DateTimeOffset at)
    {
        if (Status != PledgeStatus.Active || Frequency == PledgeFrequency.OneTime)
        {
            throw new InvalidOperationException("Only an active monthly or per-use pledge can be resumed.");
        }

        if (PausedAt is null)
        {
            return;
        }

        PausedAt = null;
        while (Frequency == PledgeFrequency.Monthly && PaidAt is { } first && NextChargeAt is { } next && next.AddMonths(1) <= at)
        {
            BasketCycles++;
            NextChargeAt = first.AddMonths(PaymentsCount + BasketCycles);
        }
    }

    /// <summary>The basket holding this pledge's line was paid: a one-time gift in it is now paid.</summary>
    public void RecordBasketPayment(DateTimeOffset paidAt)
    {
        if (Frequency == PledgeFrequency.OneTime && InBasket && Status == PledgeStatus.Pending)
        {
            PaymentsCount++;
            PaidAt ??= paidAt;
            Status = PledgeStatus.Paid;
        }
    }

    /// <summary>A guest's pledge joins the account that proved it owns the pledge's email; a listener's pledge stays theirs.</summary>
    public void LinkToListener(string listenerId)
    {
        ListenerId ??= listenerId;
    }

    /// <summary>
    /// The checkout closed without a payment. Only a pledge never paid expires: a decline left its checkout open for
    /// another card until now. A payment that arrives after all still counts (<see cref="RecordPaymentSucceeded"/>).
    /// </summary>
    public void ExpireCheckout()
    {
        if (Status is PledgeStatus.Pending or PledgeStatus.Failed && PaymentsCount == 0)
        {
            Status = PledgeStatus.Expired;
            CheckoutUrl = null;
        }
    }

    public void AttachCheckout(string sessionId, string url)
    {
        CheckoutSessionId = sessionId;
        CheckoutUrl = url;
    }

    /// <summary>
    /// A new checkout session, opened because the last one expired unpaid, replaces it: the pledge waits for payment
    /// again. Recording the same session twice (two clicks, one idempotency key) changes nothing more.
    /// </summary>
    public void ReopenCheckout(int attempt, string sessionId, string url, DateTimeOffset at)
    {
        if (sessionId == CheckoutSessionId)
        {
            return;
        }

        if (!CanResumeCheckout || attempt <= CheckoutAttempts)
        {
            throw new InvalidOperationException("Only a checkout never paid nor removed can be opened again, each attempt once.");
        }

        (CheckoutAttempts, CheckoutSessionId, CheckoutUrl, CheckoutOpenedAt) = (attempt, sessionId, url, at);
        Status = PledgeStatus.Pending;
        FailureReason = null;
    }

    /// <summary>The listener will not pay this pledge after all: its checkout is closed (or had expired), and it is not offered again.</summary>
    public void Remove(DateTimeOffset at)
    {
        ExpireCheckout();
        if (Status == PledgeStatus.Expired)
        {
            RemovedAt ??= at;
        }
    }

    /// <summary>
    /// A new payment succeeded (called once per payment): a one-time pledge is paid, a monthly one active, its next
    /// cycle due a month after the first payment's date times the payments made, so dates do not drift.
    /// A success after a decline wins; money that arrives for a cancelled pledge is still counted.
    /// </summary>
    public void RecordPaymentSucceeded(DateTimeOffset paidAt, string? stripeCustomerId, string? paymentMethodId)
    {
        PaymentsCount++;
        PaidAt ??= paidAt;
        if (Status == PledgeStatus.Cancelled)
        {
            return;
        }

        Status = Frequency == PledgeFrequency.Monthly ? PledgeStatus.Active : PledgeStatus.Paid;
        FailureReason = null;
        if (Frequency == PledgeFrequency.Monthly)
        {
            StripeCustomerId ??= stripeCustomerId;
            PaymentMethodId ??= paymentMethodId;
            NextChargeAt = PaidAt.Value.AddMonths(PaymentsCount + BasketCycles);
        }
    }

    /// <summary>
    /// A payment was declined. A pledge not yet paid fails; an active monthly pledge whose cycle was declined stops,
    /// and is not charged again. A paid one-time pledge is never undone by a late decline.
    /// </summary>
    public void RecordPaymentFailed(string reason)
    {
        if (Status is PledgeStatus.Pending or PledgeStatus.Failed or PledgeStatus.Active)
        {
            Status = PledgeStatus.Failed;
            FailureReason = reason.Length > 300 ? reason[..300] : reason;
            NextChargeAt = null;
        }
    }

    public bool IsDue(DateTimeOffset now) => Status == PledgeStatus.Active && PausedAt is null && NextChargeAt <= now;

    /// <summary>Stops a monthly or per-use pledge: nothing more is charged. Cancelling twice is harmless.</summary>
    public void Cancel(DateTimeOffset at)
    {
        if (Frequency == PledgeFrequency.OneTime)
        {
            throw new InvalidOperationException("Only a monthly or per-use pledge can be cancelled; a one-time pledge is already complete.");
        }

        if (Status == PledgeStatus.Cancelled)
        {
            return;
        }

        Status = PledgeStatus.Cancelled;
        CancelledAt = at;
        NextChargeAt = null;
        PausedAt = null;
    }
}
