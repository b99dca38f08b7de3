using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Baskets;

/// <summary>
/// A listener starts updating the card their baskets are charged to: a Stripe Checkout Session in setup mode for their
/// Stripe customer, so that no card data touches our server. A listener with no saved card yet may add one the same
/// way (Stripe creates the customer). Nothing changes here: the card is replaced when Stripe reports the setup
/// succeeded (<see cref="CardUpdateEvents"/>). No transaction is open while Stripe is called.
/// </summary>
public static class StartCardUpdate
{
    /// <summary>Where Stripe sends the listener back: the basket page, which says the new card is on its way.</summary>
    public const string ReturnPath = "me/basket?card=updated";

    [AllowedFor(Sender.Listener)]
    public sealed record Command(string ListenerId) : ICommand<Result>, ICallsOut;

    /// <summary>Where to send the listener: Stripe's page to save a new card.</summary>
    public sealed record Result(Uri Url);

    public sealed class Handler(IAppDbContext db, IUserAccounts accounts, IPaymentGateway gateway, IAppUrls urls, IOptions<PledgeOptions> options) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var customerId = await db.ListenerCards.AsNoTracking().Where(c => c.ListenerId == command.ListenerId).Select(c => c.CustomerId).SingleOrDefaultAsync(cancellationToken);
            var email = (await accounts.EmailsAsync([command.ListenerId], cancellationToken)).GetValueOrDefault(command.ListenerId)
                ?? throw new AccessDeniedException(nameof(StartCardUpdate));

            // Setup mode has no price to take a currency from; the card serves baskets in every currency.
            var session = await gateway.CreateCardSetupSessionAsync(
                new CardSetupRequest(command.ListenerId, customerId, email, options.Value.Currencies[0], urls.Resolve(ReturnPath), urls.MyBasket()),
                cancellationToken);
            return new Result(session.Url);
        }
    }
}
