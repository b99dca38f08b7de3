using System.Net;
using EmanciPay.Application.Payments;
using Stripe;

namespace EmanciPay.Infrastructure.Payments;

/// <summary>
/// A Stripe call someone waits for: when Stripe is down or refusing for load (after Stripe.net's own retries), the caller
/// gets <see cref="PaymentProviderUnavailableException"/> (a 502 problem+json asking to try again), not a server error;
/// nothing that matters was made. Any other refusal from Stripe is left to its caller.
/// </summary>
internal static class StripeCalls
{
    public static async Task<T> Reachable<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (StripeException failed) when (failed.HttpStatusCode is 0 or HttpStatusCode.TooManyRequests || (int)failed.HttpStatusCode >= 500)
        {
            throw new PaymentProviderUnavailableException($"Stripe answered {(int)failed.HttpStatusCode}.", failed);
        }
        catch (HttpRequestException unreachable)
        {
            throw new PaymentProviderUnavailableException("Stripe could not be reached.", unreachable);
        }
    }
}
