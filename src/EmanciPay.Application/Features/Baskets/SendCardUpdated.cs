using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using Mediator;

namespace EmanciPay.Application.Features.Baskets;

/// <summary>Confirms by mail that the listener's baskets are now charged to the card they saved (so a change they did not make shows).</summary>
public static class SendCardUpdated
{
    [AllowedFor(Sender.System)]
    public sealed record Command(string ListenerId) : ICommand, ICallsOut;

    public sealed record CardUpdatedMail(string To, Uri Basket) : MailMessage(To);

    public sealed class Handler(IUserAccounts accounts, IMailer mailer, IAppUrls urls) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            if ((await accounts.EmailsAsync([command.ListenerId], cancellationToken)).GetValueOrDefault(command.ListenerId) is { } email)
            {
                await mailer.SendAsync(new CardUpdatedMail(email, urls.MyBasket()), cancellationToken);
            }

            return Unit.Value;
        }
    }
}
