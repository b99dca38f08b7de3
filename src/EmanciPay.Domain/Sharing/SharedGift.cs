namespace EmanciPay.Domain.Sharing;

/// <summary>One payment a listener chose to show on their public page and feed; its amount only when they chose that too.</summary>
public sealed class SharedGift
{
    private SharedGift(Guid paymentId, string listenerId, bool showAmount, DateTimeOffset sharedAt)
    {
        PaymentId = paymentId;
        ListenerId = listenerId;
        ShowAmount = showAmount;
        SharedAt = sharedAt;
    }

    public Guid PaymentId { get; private set; }

    public string ListenerId { get; private set; }

    public bool ShowAmount { get; private set; }

    public DateTimeOffset SharedAt { get; private set; }

    public static SharedGift Share(Guid paymentId, string listenerId, bool showAmount, DateTimeOffset at) => new(paymentId, listenerId, showAmount, at);

    public void ChooseAmount(bool showAmount) => ShowAmount = showAmount;
}
