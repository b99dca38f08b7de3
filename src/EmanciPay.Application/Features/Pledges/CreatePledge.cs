using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Pledges;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>
/// A listener pledges to a station and is sent to Stripe Checkout. The pledge is committed (with its idempotency key's
/// claim) before Stripe is called and the checkout after, so no transaction is held across the call; the pipeline's
/// idempotency behaviour replays a retry, and answers a duplicate sent while the first is in flight with 409.
/// </summary>
public static class CreatePledge
{
    [AllowedFor(Sender.Anonymous)]
    public sealed record Command(
        string? Station,
        long? Amount,
        string? Currency,
        PledgeFrequency? Frequency,
        string? Email,
        string? Message,
        bool Anonymous,
        bool CoverFee,
        /// <summary>The signed-in listener, whose account email the caller passes as <see cref="Email"/>; null for a guest.</summary>
        string? ListenerId,
        string IdempotencyKey,
        /// <summary>For a station that has not claimed its escrow: the slug of the claimed station the money goes to at the deadline; none for a refund.</summary>
        string? Fallback = null) : ICommand<Result>, IIdempotentCommand, ICallsOut
    {
        /// <summary>Keys are the caller's own: a listener's, or shared by guests.</summary>
        public string IdempotencyScope => $"pledges:{ListenerId ?? "guest"}";
    }

    public sealed record Result(Guid Id, string Status, long Amount, long Fee, long NetToStation, long Charged, string Currency, Uri CheckoutUrl);

    public sealed class Validator : AbstractValidator<Command>
    {
        // The station's existence is checked where it is loaded, by the handler: one query, and this validator is built once.
        public Validator(IOptions<PledgeOptions> options, IMailAddresses addresses)
        {
            var pledges = options.Value;
            RuleFor(c => c.Station).NotEmpty().MaximumLength(40).WithoutControlCharacters();
            RuleFor(c => c.Amount).NotNull().WithMessage("'Amount' is required, in minor units (cents).")
                .InclusiveBetween(pledges.MinimumAmount, pledges.MaximumAmount)
                .WithMessage($"'Amount' must be between {pledges.MinimumAmount} and {pledges.MaximumAmount} (in cents).");
            RuleFor(c => c.Currency).Cascade(CascadeMode.Stop).NotEmpty()
                .Must(c => pledges.Currencies.Contains(c!.ToLowerInvariant()))
                .WithMessage($"'Currency' must be one of: {string.Join(", ", pledges.Currencies)}.");
            RuleFor(c => c.Frequency).NotNull().IsInEnum();
            RuleFor(c => c.Frequency).Must(f => f != PledgeFrequency.Monthly).When(c => c.ListenerId is null)
                .WithMessage("Sign in to pledge monthly, so that you can change or cancel it.");
            RuleFor(c => c.Email).NotEmpty().MaximumLength(256).WithoutControlCharacters().Must(addresses.CanSendTo).WithMessage("'Email' is not an address we can send mail to.");
            RuleFor(c => c.Message).MaximumLength(Pledge.MaxMessageLength).WithoutControlCharacters(allowLineBreaks: true);
            RuleFor(c => c.Fallback).MaximumLength(40).WithoutControlCharacters();
            RuleFor(c => c.IdempotencyKey).NotEmpty().MaximumLength(200).OverridePropertyName("Idempotency-Key")
                .WithMessage("An Idempotency-Key of 1 to 200 characters is required, so that a retried request cannot pledge twice.")
                .WithoutControlCharacters();
        }
    }

    public sealed class Handler(IAppDbContext db, IUnitOfWork unitOfWork, PledgeStations stations, IPaymentGateway gateway, IAppUrls urls, IOptions<PledgeOptions> options, TimeProvider clock)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var station = await stations.FindAsync(db, command.Station!, cancellationToken)
                ?? throw new ValidationException([new ValidationFailure(nameof(Command.Station), $"There is no station '{command.Station}'.")]);
            if (station.DeclineReason is { } declined)
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.Station), $"{station.Name} has said it will not join EmanciPay, so it takes no pledges: {declined}")]);
            }

            var fallback = await ChooseFallback.ResolveAsync(db, station.Id, command.Fallback, nameof(Command.Fallback), cancellationToken);
            var email = command.Email!.Trim();
            var currency = Currency.Parse(command.Currency!);
            var fees = new FeeSchedule(options.Value.FeePercent, options.Value.FeeFixed);
            var quote = fees.Quote(command.Amount!.Value, command.CoverFee);
            var pledge = Pledge.Create(station.Id, command.ListenerId, email, quote, currency, command.Frequency!.Value, command.Message, command.Anonymous, command.CoverFee, clock.GetUtcNow());
            pledge.ChooseFallback(fallback);
            db.Pledges.Add(pledge);

            // Committed with the idempotency key's claim before Stripe is called: no transaction is open during the call.
            await unitOfWork.CommitAsync(cancellationToken);
            CheckoutSession checkout;
            try
            {
                checkout = await gateway.CreateCheckoutSessionAsync(
                    new CheckoutRequest(
                        pledge.Id,
                        quote.Charged,
                        currency.Code.ToLowerInvariant(),
                        $"{(pledge.Frequency == PledgeFrequency.Monthly ? "Monthly pledge" : "Pledge")} to {station.Name} ({station.CallSign})",
                        email,
                        SaveCardForLaterCycles: pledge.Frequency == PledgeFrequency.Monthly,
                        urls.PledgeThanks(pledge.Id),
                        urls.CheckoutCancelled(station.Slug)),
                    cancellationToken);
            }
            catch
            {
                // With no checkout there is nothing to pay: the pledge never happened, and its key is released for a retry.
                db.Pledges.Remove(pledge);
                await unitOfWork.CommitAsync(CancellationToken.None);
                throw;
            }

            // Committed by the pipeline after we return, with the response that a retry with the same key replays.
            pledge.AttachCheckout(checkout.Id, checkout.Url.ToString());
            return new Result(pledge.Id, "pending", quote.Pledged, quote.Fee, quote.NetToStation, quote.Charged, currency.Code.ToLowerInvariant(), checkout.Url);
        }
    }
}
