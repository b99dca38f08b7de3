using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Baskets;

/// <summary>Confirms by mail that the listener's baskets are now charged to the card they saved (so a change they did not make shows).</summary>
public static class SendCardUpdated
{
    [AllowedFor(Sender.System)]
    public sealed record Command(string ListenerId) : ICommand, ICallsOut;

    /// <summary>The mail; <paramref name="Card"/> names the card saved, so its owner recognises it (null if Stripe could not say).</summary>
    public sealed record CardUpdatedMail(string To, Uri Basket, CardDescription? Card) : MailMessage(To);

    public sealed class Handler(IAppDbContext db, IUserAccounts accounts, IPaymentGateway gateway, IMailer mailer, IAppUrls urls) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            if ((await accounts.EmailsAsync([command.ListenerId], cancellationToken)).GetValueOrDefault(command.ListenerId) is { } email)
            {
                var paymentMethod = await db.ListenerCards.AsNoTracking().Where(c => c.ListenerId == command.ListenerId).Select(c => c.PaymentMethodId).SingleOrDefaultAsync(cancellationToken);
                await mailer.SendAsync(new CardUpdatedMail(email, urls.MyBasket(), await gateway.DescribeCardIfAnyAsync(paymentMethod, cancellationToken)), cancellationToken);
            }

            return Unit.Value;
        }
    }
}
