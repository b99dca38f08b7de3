using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Baskets;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Application.Features.Baskets;

/// <summary>
/// Tells the listener their basket rolled over (too small to charge) or is paused (declined on every attempt, or no
/// card), once per basket. A mail refused for good is not tried again; any other failure is left for the sweep.
/// </summary>
public static partial class SendBasketNotice
{
    [AllowedFor(Sender.System)]
    public sealed record Command(Guid BasketId) : ICommand, ICallsOut;

    /// <summary>The basket page's card update form, where a paused basket's mail sends the listener.</summary>
    public const string UpdateCardPath = "me/basket#card";

    /// <summary>
    /// Amounts in minor units of <paramref name="Currency"/>; <paramref name="Paused"/> when the card could not be charged,
    /// otherwise rolled over; <paramref name="UpdateCard"/> is where a new card is saved.
    /// </summary>
    public sealed record BasketNoticeMail(string To, bool Paused, DateOnly Period, string Currency, long Amount, long MinimumCharge, string? Reason, Uri Basket, Uri UpdateCard) : MailMessage(To);

    public sealed class Handler(IAppDbContext db, IUserAccounts accounts, IMailer mailer, IAppUrls urls, TimeProvider clock, ILogger<Handler> logger) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var basket = await db.Baskets.SingleOrDefaultAsync(b => b.Id == command.BasketId, cancellationToken);
            if (basket is not { Status: BasketStatus.RolledOver or BasketStatus.Paused, NoticeSentAt: null }
                || (await accounts.EmailsAsync([basket.ListenerId], cancellationToken)).GetValueOrDefault(basket.ListenerId) is not { } email)
            {
                return Unit.Value;
            }

            var mail = new BasketNoticeMail(email, basket.Status == BasketStatus.Paused, basket.Period, basket.Currency.Code, basket.Amount, ChargeMinimums.For(basket.Currency), basket.FailureReason, urls.MyBasket(), urls.Resolve(UpdateCardPath));
            try
            {
                await mailer.SendAsync(mail, cancellationToken);
            }
            catch (MailRefusedException)
            {
                LogRefused(logger, basket.Id);
            }

            basket.MarkNoticeSent(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The notice for basket {BasketId} was refused for good; not tried again")]
    private static partial void LogRefused(ILogger logger, Guid basketId);
}
