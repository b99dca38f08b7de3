namespace EmanciPay.Domain.Baskets;

/// <summary>
/// The card a listener's baskets are charged to: the one saved at their latest checkout that saved a card, or the one
/// they set when they last updated it.
/// </summary>
public sealed class ListenerCard
{
    private ListenerCard(string listenerId, string customerId, string paymentMethodId, DateTimeOffset savedAt)
    {
        ListenerId = listenerId;
        CustomerId = customerId;
        PaymentMethodId = paymentMethodId;
        SavedAt = savedAt;
    }

    public string ListenerId { get; private set; }

    public string CustomerId { get; private set; }

    public string PaymentMethodId { get; private set; }

    public DateTimeOffset SavedAt { get; private set; }

    public static ListenerCard Save(string listenerId, string customerId, string paymentMethodId, DateTimeOffset at) => new(listenerId, customerId, paymentMethodId, at);

    /// <summary>A newer card replaces this one; an older report (events arrive in any order) does not.</summary>
    public void Replace(string customerId, string paymentMethodId, DateTimeOffset at)
    {
        if (at >= SavedAt)
        {
            (CustomerId, PaymentMethodId, SavedAt) = (customerId, paymentMethodId, at);
        }
    }
}
