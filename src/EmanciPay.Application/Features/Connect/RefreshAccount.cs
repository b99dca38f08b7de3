using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Connect;

/// <summary>
/// Reads the station's connected account from Stripe, with no transaction open, and records what it reports: the
/// manager is back from onboarding and should see where it stands now, before Stripe's <c>account.updated</c> arrives.
/// A station with no account yet has nothing to read.
/// </summary>
public static class RefreshAccount
{
    [AllowedFor(Sender.StationManager)]
    public sealed record Command(Guid StationId) : ICommand, IStationMessage, ICallsOut;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.StationId).NotEmpty();
    }

    public sealed class Handler(IAppDbContext db, IConnectGateway gateway, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var accountId = await db.ConnectedAccounts.AsNoTracking().Where(a => a.RecipientId == command.StationId).Select(a => a.StripeAccountId).SingleOrDefaultAsync(cancellationToken);
            if (accountId is null)
            {
                return Unit.Value;
            }

            var readAt = ConnectEvents.ReadTime(clock);
            var report = await gateway.GetAccountAsync(accountId, cancellationToken);

            // Loaded after the call, so that the pipeline's commit holds no lock across it; an event newer than the read wins.
            var account = await db.ConnectedAccounts.SingleAsync(a => a.RecipientId == command.StationId, cancellationToken);
            account.Report(report.PayoutsEnabled, report.DetailsSubmitted, report.CurrentlyDue, report.DisabledReason, readAt);
            return Unit.Value;
        }
    }
}
