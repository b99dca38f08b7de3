using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Pledges;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>
/// The listener goes back to pay a pledge they left at checkout. Its session still open is sent again; an expired one
/// is replaced by a new session for the same pledge, whose idempotency key carries the pledge and the attempt's number
/// (two clicks at once get one session). Stripe is called with no transaction open; the new session is recorded after.
/// </summary>
public static class ResumeCheckout
{
    [AllowedFor(Sender.Listener)]
    public sealed record Command(Guid PledgeId, string ListenerId) : ICommand<Result>, ICallsOut;

    /// <param name="CheckoutUrl">Stripe Checkout's page to pay the pledge at.</param>
    public sealed record Result(Guid PledgeId, Uri CheckoutUrl);

    public sealed class Handler(IAppDbContext db, IPaymentGateway gateway, IAppUrls urls, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var pledge = await db.Pledges.SingleOrDefaultAsync(p => p.Id == command.PledgeId && p.ListenerId == command.ListenerId, cancellationToken)
                ?? throw new NotFoundException("Pledge", command.PledgeId.ToString());
            if (!pledge.CanResumeCheckout)
            {
                throw ChangePledge.Refusal(nameof(Command.PledgeId), "Only a pledge left unpaid at checkout can be resumed.");
            }

            var station = await db.Recipients.AsNoTracking().Where(r => r.Id == pledge.RecipientId)
                .Select(r => new { r.Slug, r.Name, r.CallSign, Declined = r.DeclinedAt != null }).SingleAsync(cancellationToken);
            if (station.Declined)
            {
                throw ChangePledge.Refusal(nameof(Command.PledgeId), $"{station.Name} has said it will not join EmanciPay, so it takes no pledges.");
            }

            var session = await gateway.GetCheckoutSessionAsync(pledge.CheckoutSessionId!, cancellationToken);
            if (session.IsOpen)
            {
                return new Result(pledge.Id, session.Url!);
            }

            if (!session.IsExpired)
            {
                throw ChangePledge.Refusal(nameof(Command.PledgeId), "This pledge has just been paid. Thank you!");
            }

            var attempt = pledge.CheckoutAttempts + 1;
            var checkout = await gateway.CreateCheckoutSessionAsync(
                new CheckoutRequest(
                    pledge.Id,
                    pledge.ChargeAmount,
                    pledge.Currency.Code.ToLowerInvariant(),
                    $"{(pledge.Frequency == PledgeFrequency.Monthly ? "Monthly pledge" : "Pledge")} to {station.Name} ({station.CallSign})",
                    pledge.Email,
                    SaveCardForLaterCycles: pledge.Frequency == PledgeFrequency.Monthly,
                    urls.PledgeThanks(pledge.Id),
                    urls.CheckoutCancelled(station.Slug),
                    attempt),
                cancellationToken);

            // Committed by the pipeline after we return: no transaction was open during either call.
            pledge.ReopenCheckout(attempt, checkout.Id, checkout.Url.ToString(), clock.GetUtcNow());
            return new Result(pledge.Id, checkout.Url);
        }
    }
}
