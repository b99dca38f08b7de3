using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payouts;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Payouts;

/// <summary>A manager sets (or changes, or with no frequency removes) the station's automatic payout schedule for a currency.</summary>
public static class SetPayoutSchedule
{
    [AllowedFor(Sender.StationManager)]
    public sealed record Command(Guid StationId, string? Currency, PayoutFrequency? Frequency, long? MinimumAmount) : ICommand, IStationMessage;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IOptions<PledgeOptions> options)
        {
            var currencies = options.Value.Currencies;
            RuleFor(c => c.Currency).Cascade(CascadeMode.Stop).NotEmpty()
                .Must(c => currencies.Contains(c!.ToLowerInvariant())).WithMessage($"'Currency' must be one of: {string.Join(", ", currencies)}.");
            RuleFor(c => c.Frequency).IsInEnum();
            RuleFor(c => c.MinimumAmount).NotNull().When(c => c.Frequency is not null).WithMessage("'Minimum Amount' is required (0 pays out whatever is there).")
                .InclusiveBetween(0, 100_000_000).WithMessage("'Minimum Amount' must be between 0 and 1,000,000.00.");
        }
    }

    public sealed class Handler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var currency = Currency.Parse(command.Currency!);
            var schedule = await db.PayoutSchedules.SingleOrDefaultAsync(s => s.RecipientId == command.StationId && s.Currency == currency, cancellationToken);
            if (command.Frequency is not { } frequency)
            {
                if (schedule is not null)
                {
                    db.PayoutSchedules.Remove(schedule);
                }
            }
            else if (schedule is null)
            {
                db.PayoutSchedules.Add(PayoutSchedule.Set(command.StationId, currency, frequency, command.MinimumAmount!.Value, user.UserId!, clock.GetUtcNow()));
            }
            else
            {
                schedule.Change(frequency, command.MinimumAmount!.Value, user.UserId!, clock.GetUtcNow());
            }

            return Unit.Value;
        }
    }
}
