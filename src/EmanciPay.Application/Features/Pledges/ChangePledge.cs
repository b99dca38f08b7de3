using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Pledges;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>
/// The listener changes a monthly pledge's amount, or a per-use pledge's rate and cap, or skips the next month of a
/// monthly pledge. Each takes effect from the next basket and is confirmed by mail.
/// </summary>
public static class ChangePledge
{
    [AllowedFor(Sender.PledgeOwner)]
    public sealed record Command(Guid PledgeId, long? Amount, long? RatePerHour, bool SkipNextMonth) : ICommand<Result>, IPledgeMessage;

    /// <param name="NextChargeAt">When its next month is due (monthly pledges).</param>
    /// <param name="Paused">Left out of baskets until resumed (<see cref="PausePledge"/>, <see cref="ResumePledge"/>).</param>
    public sealed record Result(Guid PledgeId, long Amount, long? RatePerHour, DateTimeOffset? NextChargeAt, bool Paused)
    {
        public static Result Of(Pledge pledge) => new(pledge.Id, pledge.Amount, pledge.RatePerHour, pledge.NextChargeAt, pledge.PausedAt is not null);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IOptions<PledgeOptions> options)
        {
            var pledges = options.Value;
            RuleFor(c => c.Amount).InclusiveBetween(pledges.MinimumAmount, pledges.MaximumAmount)
                .WithMessage($"'Amount' must be between {pledges.MinimumAmount} and {pledges.MaximumAmount} (in cents).");
            RuleFor(c => c.RatePerHour).InclusiveBetween(1, Baskets.PledgePerUse.MaxRatePerHour);
            RuleFor(c => c).Must(c => c.SkipNextMonth || c.Amount is not null).OverridePropertyName(nameof(Command.Amount))
                .WithMessage("Give a new amount (a monthly cap for a per-use pledge), or skip the next month.");
        }
    }

    public sealed class Handler(IAppDbContext db, IBackgroundJobs jobs, IOptions<PledgeOptions> options) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var pledge = await db.Pledges.SingleOrDefaultAsync(p => p.Id == command.PledgeId, cancellationToken)
                ?? throw new NotFoundException("Pledge", command.PledgeId.ToString());
            if (pledge.Status != PledgeStatus.Active || pledge.Frequency == PledgeFrequency.OneTime)
            {
                throw Refusal(nameof(Command.PledgeId), "Only an active monthly or per-use pledge can change.");
            }

            if (command.Amount is { } amount)
            {
                var perUse = pledge.Frequency == PledgeFrequency.PerUse;
                var rate = perUse ? command.RatePerHour ?? pledge.RatePerHour : null;
                var quote = perUse ? new PledgeQuote(amount, amount, 0, amount) : new FeeSchedule(options.Value.FeePercent, options.Value.FeeFixed).Quote(amount, pledge.CoverFee);
                pledge.Change(quote, rate);
            }

            if (command.SkipNextMonth)
            {
                if (pledge.Frequency != PledgeFrequency.Monthly)
                {
                    throw Refusal(nameof(Command.SkipNextMonth), "A per-use pledge has nothing to skip: a month you do not listen costs nothing.");
                }

                if (pledge.PausedAt is not null)
                {
                    throw Refusal(nameof(Command.SkipNextMonth), "This pledge is paused, so no month is charged until you resume it.");
                }

                pledge.SkipCycle();
            }

            jobs.EnqueueAfterCommit(new SendPledgeChanged.Command(pledge.Id));
            return Result.Of(pledge);
        }
    }

    internal static ValidationException Refusal(string field, string message) => new([new ValidationFailure(field, message)]);
}
