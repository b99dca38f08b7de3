using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Payouts;

/// <summary>
/// A station manager asks for all or part of what the station's escrow has available. The amount is reserved at once;
/// at or below the approval limit the payout is approved and its transfer job goes out after commit, above it the
/// payout waits for finance. A retry with the same Idempotency-Key gets the first answer and requests nothing more.
/// </summary>
public static class RequestPayout
{
    [AllowedFor(Sender.StationManager)]
    public sealed record Command(Guid StationId, long? Amount, string? Currency, string IdempotencyKey) : ICommand<Result>, IStationMessage, IIdempotentCommand
    {
        public string IdempotencyScope => $"payouts:{StationId:N}";
    }

    /// <summary>The payout made: its id, status (approved, awaiting_approval) and amount in minor units.</summary>
    public sealed record Result(Guid Id, string Status, long Amount, string Currency);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IOptions<PledgeOptions> options)
        {
            var currencies = options.Value.Currencies;
            RuleFor(c => c.Amount).GreaterThan(0).WithMessage("'Amount' must be more than 0 (in minor units, cents); leave it out to pay out everything available.");
            RuleFor(c => c.Currency).Cascade(CascadeMode.Stop).NotEmpty()
                .Must(c => currencies.Contains(c!.ToLowerInvariant())).WithMessage($"'Currency' must be one of: {string.Join(", ", currencies)}.");
            RuleFor(c => c.IdempotencyKey).NotEmpty().MaximumLength(200).OverridePropertyName("Idempotency-Key")
                .WithMessage("An Idempotency-Key of 1 to 200 characters is required, so that a retried request cannot pay out twice.")
                .WithoutControlCharacters();
        }
    }

    public sealed class Handler(PayoutRequests requests, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var payout = await requests.RequestAsync(command.StationId, command.Amount, Domain.Monetary.Currency.Parse(command.Currency!), user.UserId!, cancellationToken);
            return new Result(payout.Id, PayoutViews.StatusName(payout.Status), payout.Amount, payout.Currency.Code.ToLowerInvariant());
        }
    }
}
