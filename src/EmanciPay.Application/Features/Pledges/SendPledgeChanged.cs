using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Pledges;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>Confirms a change to a pledge by mail, from the pledge as it stands (so two quick changes confirm the last).</summary>
public static class SendPledgeChanged
{
    [AllowedFor(Sender.System)]
    public sealed record Command(Guid PledgeId) : ICommand, ICallsOut;

    /// <summary>Amounts in minor units of <paramref name="Currency"/>; <paramref name="RatePerHour"/> only for a per-use pledge, whose <paramref name="Amount"/> is its cap.</summary>
    public sealed record PledgeChangedMail(string To, string StationName, string Currency, long Amount, long? RatePerHour, DateTimeOffset? NextChargeAt, Uri Basket) : MailMessage(To);

    public sealed class Handler(IAppDbContext db, IMailer mailer, IAppUrls urls) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var pledge = await db.Pledges.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.PledgeId, cancellationToken);
            if (pledge is not { Status: PledgeStatus.Active })
            {
                return Unit.Value;
            }

            var station = await db.Recipients.AsNoTracking().Where(r => r.Id == pledge.RecipientId).Select(r => r.Name).SingleAsync(cancellationToken);
            await mailer.SendAsync(new PledgeChangedMail(pledge.Email, station, pledge.Currency.Code, pledge.Amount, pledge.RatePerHour, pledge.NextChargeAt, urls.MyBasket()), cancellationToken);
            return Unit.Value;
        }
    }
}
