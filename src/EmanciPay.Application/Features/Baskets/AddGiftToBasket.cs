using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Pledges;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace EmanciPay.Application.Features.Baskets;

/// <summary>A one-time gift added to this month's basket instead of being paid at once: it shares the basket's single card fee.</summary>
public static class AddGiftToBasket
{
    [AllowedFor(Sender.Listener)]
    public sealed record Command(string ListenerId, string? Station, long? Amount, string? Currency, string? Message, bool Anonymous) : ICommand<Result>;

    public sealed record Result(Guid Id, string Station, long Amount, string Currency);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IOptions<PledgeOptions> options)
        {
            var pledges = options.Value;
            RuleFor(c => c.Station).NotEmpty().MaximumLength(40).WithoutControlCharacters();
            RuleFor(c => c.Amount).NotNull().InclusiveBetween(pledges.MinimumAmount, pledges.MaximumAmount)
                .WithMessage($"'Amount' must be between {pledges.MinimumAmount} and {pledges.MaximumAmount} (in cents).");
            RuleFor(c => c.Currency).Cascade(CascadeMode.Stop).NotEmpty()
                .Must(c => pledges.Currencies.Contains(c!.ToLowerInvariant()))
                .WithMessage($"'Currency' must be one of: {string.Join(", ", pledges.Currencies)}.");
            RuleFor(c => c.Message).MaximumLength(Pledge.MaxMessageLength).WithoutControlCharacters(allowLineBreaks: true);
        }
    }

    public sealed class Handler(IAppDbContext db, BasketPledges basket, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var (station, email) = await basket.RequireAsync(command.ListenerId, command.Station!, cancellationToken);
            var pledge = Pledge.ForBasket(station.Id, command.ListenerId, email, command.Amount!.Value, Currency.Parse(command.Currency!), command.Message, command.Anonymous, clock.GetUtcNow());
            db.Pledges.Add(pledge);
            return new Result(pledge.Id, station.Slug, command.Amount.Value, command.Currency!.ToLowerInvariant());
        }
    }
}
