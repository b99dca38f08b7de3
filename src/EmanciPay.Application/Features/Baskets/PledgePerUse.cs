using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Pledges;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Baskets;

/// <summary>
/// A listener pledges a rate per hour they listen to a station, up to a cap a month. Their own listening log decides
/// the amount, which joins their monthly basket; the station only ever sees the amount. One per station at a time.
/// </summary>
public static class PledgePerUse
{
    public const long MaxRatePerHour = 10_000;

    [AllowedFor(Sender.Listener)]
    public sealed record Command(string ListenerId, string? Station, long? RatePerHour, long? MonthlyCap, string? Currency, bool Anonymous) : ICommand<Result>;

    public sealed record Result(Guid Id, string Station, long RatePerHour, long MonthlyCap, string Currency);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IOptions<PledgeOptions> options)
        {
            var pledges = options.Value;
            RuleFor(c => c.Station).NotEmpty().MaximumLength(40).WithoutControlCharacters();
            RuleFor(c => c.RatePerHour).NotNull().InclusiveBetween(1, MaxRatePerHour)
                .WithMessage($"'Rate Per Hour' must be between 1 and {MaxRatePerHour} (in cents per hour).");
            RuleFor(c => c.MonthlyCap).NotNull().InclusiveBetween(pledges.MinimumAmount, pledges.MaximumAmount)
                .WithMessage($"'Monthly Cap' must be between {pledges.MinimumAmount} and {pledges.MaximumAmount} (in cents).");
            RuleFor(c => c.Currency).Cascade(CascadeMode.Stop).NotEmpty()
                .Must(c => pledges.Currencies.Contains(c!.ToLowerInvariant()))
                .WithMessage($"'Currency' must be one of: {string.Join(", ", pledges.Currencies)}.");
        }
    }

    public sealed class Handler(IAppDbContext db, BasketPledges basket, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var (station, email) = await basket.RequireAsync(command.ListenerId, command.Station!, cancellationToken);
            if (await db.Pledges.AnyAsync(p => p.ListenerId == command.ListenerId && p.RecipientId == station.Id && p.Frequency == PledgeFrequency.PerUse && p.Status == PledgeStatus.Active, cancellationToken))
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.Station), $"You already pledge per use to {station.Name}: change or cancel that pledge instead.")]);
            }

            var currency = Currency.Parse(command.Currency!);
            var pledge = Pledge.PerUse(station.Id, command.ListenerId, email, command.RatePerHour!.Value, command.MonthlyCap!.Value, currency, command.Anonymous, clock.GetUtcNow());
            db.Pledges.Add(pledge);
            return new Result(pledge.Id, station.Slug, command.RatePerHour.Value, command.MonthlyCap.Value, command.Currency!.ToLowerInvariant());
        }
    }
}
