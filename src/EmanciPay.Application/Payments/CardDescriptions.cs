namespace EmanciPay.Application.Payments;

public static class CardDescriptions
{
    /// <summary>
    /// A saved card's description where it is only shown (a page, a mail): null without a card, or while Stripe cannot
    /// be reached, so that the page or mail still goes out, naming no card.
    /// </summary>
    public static async Task<CardDescription?> DescribeCardIfAnyAsync(this IPaymentGateway gateway, string? paymentMethodId, CancellationToken cancellationToken)
    {
        if (paymentMethodId is null)
        {
            return null;
        }

        try
        {
            return await gateway.DescribeCardAsync(paymentMethodId, cancellationToken);
        }
        catch (PaymentProviderUnavailableException)
        {
            return null;
        }
    }
}
