using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Pledges;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>
/// A listener pledges to a station and is sent to Stripe Checkout. With an idempotency key, a retry of the same
/// request gets the same pledge and checkout back; the same key with another request is refused. Racing requests
/// with one key meet at the key's unique index: the loser's transaction waits, then replays the winner's response.
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
        string IdempotencyKey) : ICommand<Result>;

    public sealed record Result(Guid Id, string Status, long Amount, long Fee, long NetToStation, long Charged, string Currency, Uri CheckoutUrl);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IOptions<PledgeOptions> options, IAppDbContext db)
        {
            var pledges = options.Value;
            RuleFor(c => c.Station).NotEmpty().MaximumLength(40)
                .MustAsync(async (slug, ct) => await db.Recipients.AnyAsync(r => r.Slug == slug, ct))
                .WithMessage(c => $"There is no station '{c.Station}'.")
                .When(c => !string.IsNullOrEmpty(c.Station));
            RuleFor(c => c.Amount).NotNull().WithMessage("'Amount' is required, in minor units (cents).")
                .InclusiveBetween(pledges.MinimumAmount, pledges.MaximumAmount)
                .WithMessage($"'Amount' must be between {pledges.MinimumAmount} and {pledges.MaximumAmount} (in cents).");
            RuleFor(c => c.Currency).NotEmpty()
                .Must(c => pledges.Currencies.Contains(c!.ToLowerInvariant()))
                .WithMessage($"'Currency' must be one of: {string.Join(", ", pledges.Currencies)}.")
                .When(c => !string.IsNullOrEmpty(c.Currency));
            RuleFor(c => c.Frequency).NotNull().IsInEnum();
            RuleFor(c => c.Frequency).Must(f => f != PledgeFrequency.Monthly).When(c => c.ListenerId is null)
                .WithMessage("Sign in to pledge monthly, so that you can change or cancel it.");
            RuleFor(c => c.Email).NotEmpty().EmailAddress().MaximumLength(256);
            RuleFor(c => c.Message).MaximumLength(Pledge.MaxMessageLength);
            RuleFor(c => c.IdempotencyKey).NotEmpty().MaximumLength(200).OverridePropertyName("Idempotency-Key")
                .WithMessage("An Idempotency-Key of 1 to 200 characters is required, so that a retried request cannot pledge twice.");
        }
    }

    public sealed class Handler(IAppDbContext db, IPaymentGateway gateway, IAppUrls urls, IOptions<PledgeOptions> options, TimeProvider clock)
        : ICommandHandler<Command, Result>
    {
        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var key = $"pledges:{command.ListenerId ?? "guest"}:{command.IdempotencyKey}";
            var hash = RequestHash(command);
            if (await db.IdempotentRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Key == key, cancellationToken) is { } earlier)
            {
                return earlier.RequestHash == hash
                    ? JsonSerializer.Deserialize<Result>(earlier.ResponseJson, Json)!
                    : throw new IdempotencyKeyReusedException(command.IdempotencyKey);
            }

            var station = await db.Recipients.SingleAsync(r => r.Slug == command.Station, cancellationToken);
            var email = command.Email!.Trim();
            var currency = Currency.Parse(command.Currency!);
            var fees = new FeeSchedule(options.Value.FeePercent, options.Value.FeeFixed);
            var quote = fees.Quote(command.Amount!.Value, command.CoverFee);
            var pledge = Pledge.Create(station.Id, command.ListenerId, email, quote, currency, command.Frequency!.Value, command.Message, command.Anonymous, command.CoverFee, clock.GetUtcNow());
            db.Pledges.Add(pledge);

            // Claim the key before calling Stripe: a racing request with the same key waits here until we commit.
            db.IdempotentRequests.Add(new IdempotentRequest(key, hash, "", clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);

            var checkout = await gateway.CreateCheckoutSessionAsync(
                new CheckoutRequest(
                    pledge.Id,
                    quote.Charged,
                    currency.Code.ToLowerInvariant(),
                    $"{(pledge.Frequency == PledgeFrequency.Monthly ? "Monthly pledge" : "Pledge")} to {station.Name} ({station.CallSign})",
                    email,
                    SaveCardForLaterCycles: pledge.Frequency == PledgeFrequency.Monthly,
                    urls.PledgeThanks(pledge.Id),
                    urls.Station(station.Slug)),
                cancellationToken);
            pledge.AttachCheckout(checkout.Id, checkout.Url.ToString());

            var result = new Result(pledge.Id, "pending", quote.Pledged, quote.Fee, quote.NetToStation, quote.Charged, currency.Code.ToLowerInvariant(), checkout.Url);
            await db.IdempotentRequests.Where(r => r.Key == key)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ResponseJson, JsonSerializer.Serialize(result, Json)), cancellationToken);
            return result;
        }

        private static string RequestHash(Command command) =>
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(command with { IdempotencyKey = "" }, Json))));
    }
}

/// <summary>The idempotency key was used before for a different request; becomes 422 problem+json.</summary>
public sealed class IdempotencyKeyReusedException(string key)
    : Exception($"The Idempotency-Key '{key}' was already used for a different request. Use a new key for a new pledge.");
