namespace EmanciPay.Domain.Ledger;

/// <summary>What made money move. Stored with each entry as its short <see cref="EntryCause.CodeOf">code</see>.</summary>
public enum EntryCauseType
{
    /// <summary>A listener's payment: the id is Stripe's PaymentIntent.</summary>
    PledgePayment,

    /// <summary>A processing fee posted on its own, apart from its payment.</summary>
    ProcessingFee,

    /// <summary>A refund made at Stripe: the id is Stripe's refund.</summary>
    Refund,

    /// <summary>Unclaimed escrow given back when its hold expired: the id is our payment.</summary>
    ExpiryRefund,

    /// <summary>Money released to a station: the id is our payout; reserving, posting and voiding are its steps.</summary>
    Payout,

    /// <summary>A Stripe transfer to a station reversed: the id is Stripe's transfer reversal.</summary>
    TransferReversal,

    /// <summary>A card dispute: the id is Stripe's dispute.</summary>
    Dispute,

    /// <summary>A correction by finance: the id is the correction's own reference.</summary>
    Adjustment,

    /// <summary>Unclaimed escrow moved at its hold's end to the station its listener chose: the id is our payment.</summary>
    ExpiryMove,

    /// <summary>
    /// What a refund or dispute took from an escrow beyond what it held: the flagged debt that takes the escrow below
    /// zero, repaid first by the station's later pledges. The id is the Stripe refund or dispute it came from.
    /// </summary>
    Recovery,

    /// <summary>Stripe paying the platform's balance out to its bank: the id is Stripe's payout (po_).</summary>
    PlatformPayout,
}

/// <summary>
/// Why an entry was posted: the type of cause, the id of the thing that caused it and, when one cause posts several
/// entries (a payout reserves, then posts or voids), the step. The entry's idempotency key is made from these, so the
/// key and the cause columns cannot disagree, and replaying a cause finds the entry it posted.
/// </summary>
public sealed record EntryCause(EntryCauseType Type, string Id, string? Step = null)
{
    /// <summary>The longest code (<c>transfer-reversal</c>) fits.</summary>
    public const int MaxCodeLength = 20;

    /// <summary>"payment:pi_123", "payout:&lt;id&gt;:reserve". Payments keep the keys they were posted under before causes had columns.</summary>
    public string IdempotencyKey => Step is null ? $"{CodeOf(Type)}:{Id}" : $"{CodeOf(Type)}:{Id}:{Step}";

    public static EntryCause PledgePayment(string paymentIntentId) => new(EntryCauseType.PledgePayment, paymentIntentId);

    public static EntryCause ExpiryRefund(Guid paymentId) => new(EntryCauseType.ExpiryRefund, paymentId.ToString());

    public static EntryCause ExpiryMove(Guid paymentId) => new(EntryCauseType.ExpiryMove, paymentId.ToString());

    public static string CodeOf(EntryCauseType type) => type switch
    {
        EntryCauseType.PledgePayment => "payment",
        EntryCauseType.ProcessingFee => "fee",
        EntryCauseType.Refund => "refund",
        EntryCauseType.ExpiryRefund => "expiry-refund",
        EntryCauseType.Payout => "payout",
        EntryCauseType.TransferReversal => "transfer-reversal",
        EntryCauseType.Dispute => "dispute",
        EntryCauseType.Adjustment => "adjustment",
        EntryCauseType.ExpiryMove => "expiry-move",
        EntryCauseType.Recovery => "recovery",
        EntryCauseType.PlatformPayout => "platform-payout",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static EntryCauseType TypeOf(string code) =>
        Enum.GetValues<EntryCauseType>().Single(type => CodeOf(type) == code);
}
