using EmanciPay.Application.Common;
using EmanciPay.Domain.Sharing;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Proofs;

/// <summary>
/// A listener who gave to a station in a year gets a proof of it: a link with an unguessable token, shown to them once
/// (only its hash is kept), that anyone can check without learning who they are.
/// </summary>
public static class CreateProof
{
    /// <param name="Station">The station's slug.</param>
    /// <param name="Year">The calendar year (UTC) given in.</param>
    [AllowedFor(Sender.Listener)]
    public sealed record Command(string ListenerId, string? Station, int? Year) : ICommand<Result>;

    /// <param name="Token">The link's secret: shown now, never again.</param>
    public sealed record Result(Guid Id, string Token, string Station, string StationName, string Period);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Station).NotEmpty().MaximumLength(40).WithoutControlCharacters();
            RuleFor(c => c.Year).NotNull().InclusiveBetween(2000, clock.GetUtcNow().Year).WithMessage("'Year' must be a year from 2000 to this one.");
        }
    }

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var slug = command.Station!.ToLowerInvariant();
            var given = (await ProofGifts.OfAsync(db, command.ListenerId, cancellationToken)).Where(g => g.Slug == slug).ToList();
            if (given.Count == 0)
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.Station), $"You have no gift to '{command.Station}' to prove.")]);
            }

            var gift = given.FirstOrDefault(g => g.Year == command.Year)
                ?? throw new ValidationException([new ValidationFailure(nameof(Command.Year), $"You gave nothing to {given[0].Name} in {command.Year} that still counts.")]);
            var token = LinkTokens.New();
            var proof = GivingProof.Issue(command.ListenerId, gift.RecipientId, gift.Year, LinkTokens.Hash(token), clock.GetUtcNow());
            db.GivingProofs.Add(proof);
            return new Result(proof.Id, token, gift.Slug, gift.Name, Period(gift.Year));
        }
    }

    public static string Period(int year) => year.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
