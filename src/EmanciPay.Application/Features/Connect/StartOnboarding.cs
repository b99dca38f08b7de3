using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Recipients;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Connect;

/// <summary>
/// A manager of a claimed station starts, or goes on with, Stripe Connect onboarding: the station's Express account is
/// opened at Stripe the first time, and a fresh account link (single use, a few minutes) is made each time. No
/// transaction is open while Stripe is called. Two clicks at once open one account: Stripe's idempotency key is derived
/// from the station id, and the station id is our row's key, so the click that loses the race runs again and finds it.
/// </summary>
public static class StartOnboarding
{
    [AllowedFor(Sender.StationManager)]
    public sealed record Command(Guid StationId) : ICommand<Result>, IStationMessage, ICallsOut;

    /// <summary>Where to send the manager: Stripe's onboarding page for this station's account.</summary>
    public sealed record Result(Uri Url);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.StationId).NotEmpty();
    }

    public sealed class Handler(IAppDbContext db, IUnitOfWork unitOfWork, IConnectGateway gateway, IConnectUrls urls, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var station = await db.Recipients.AsNoTracking().SingleOrDefaultAsync(r => r.Id == command.StationId, cancellationToken)
                ?? throw new NotFoundException("Station", command.StationId.ToString());
            if (!station.IsClaimed)
            {
                throw new ValidationException([new ValidationFailure("station", $"{station.Name} has not claimed its escrow yet: onboarding with Stripe starts once its claim is approved.")]);
            }

            var accountId = await db.ConnectedAccounts.AsNoTracking().Where(a => a.RecipientId == station.Id).Select(a => a.StripeAccountId).SingleOrDefaultAsync(cancellationToken);
            if (accountId is null)
            {
                accountId = await gateway.CreateAccountAsync(new ConnectAccountRequest(station.Id, station.Name, station.Website, ManagerEmail: null), cancellationToken);
                db.ConnectedAccounts.Add(ConnectedAccount.Open(station.Id, accountId, clock.GetUtcNow()));

                // Kept before the link is made: a link that fails leaves the account to be found by the next click.
                await unitOfWork.CommitAsync(cancellationToken);
            }

            return new Result(await gateway.CreateOnboardingLinkAsync(accountId, urls.RefreshPage(station.Slug), urls.ReturnPage(station.Slug), cancellationToken));
        }
    }
}
