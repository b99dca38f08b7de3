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
    /// <summary>What the listener did: the mail says so, unless the pledge stands otherwise by the time it is sent.</summary>
    public enum Change
    {
        Changed,
        Paused,
        Resumed,
    }

    [AllowedFor(Sender.System)]
    public sealed record Command(Guid PledgeId, Change What = Change.Changed) : ICommand, ICallsOut;

    /// <summary>Amounts in minor units of <paramref name="Currency"/>; <paramref name="RatePerHour"/> only for a per-use pledge, whose <paramref name="Amount"/> is its cap.</summary>
    public sealed record PledgeChangedMail(string To, string StationName, string Currency, long Amount, long? RatePerHour, DateTimeOffset? NextChargeAt, Uri Basket) : MailMessage(To)
    {
        public Change What { get; init; }

        /// <summary>Whether the pledge is paused now: a change to a paused pledge applies once it is resumed.</summary>
        public bool Paused { get; init; }
    }

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
            // A pause undone before its mail went out is confirmed as a resume, and the reverse as a pause.
            var paused = pledge.PausedAt is not null;
            var what = command.What == Change.Changed ? Change.Changed : paused ? Change.Paused : Change.Resumed;
            await mailer.SendAsync(
                new PledgeChangedMail(pledge.Email, station, pledge.Currency.Code, pledge.Amount, pledge.RatePerHour, pledge.NextChargeAt, urls.MyBasket()) { What = what, Paused = paused },
                cancellationToken);
            return Unit.Value;
        }
    }
}
