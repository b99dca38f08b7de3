using EmanciPay.Application.Common;
using EmanciPay.Domain.Pledges;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>
/// The listener chooses, or changes, what happens to a gift to a station that has not claimed it when its hold ends:
/// a refund (no station, the default) or another station that has claimed its escrow. Until the station claims or
/// declines, whichever comes first; each payment is disposed of by the choice standing at its own deadline.
/// </summary>
public static class ChooseFallback
{
    [AllowedFor(Sender.PledgeOwner)]
    public sealed record Command(Guid PledgeId, string? Fallback) : ICommand<Result>, IPledgeMessage;

    /// <param name="Fallback">The chosen station's slug, or null for a refund.</param>
    public sealed record Result(Guid PledgeId, string? Fallback);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Fallback).MaximumLength(40).WithoutControlCharacters();
    }

    public sealed class Handler(IAppDbContext db) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var pledge = await db.Pledges.SingleOrDefaultAsync(p => p.Id == command.PledgeId, cancellationToken)
                ?? throw new NotFoundException("Pledge", command.PledgeId.ToString());
            pledge.ChooseFallback(await ResolveAsync(db, pledge.RecipientId, command.Fallback, nameof(Command.Fallback), cancellationToken));
            return new Result(pledge.Id, string.IsNullOrWhiteSpace(command.Fallback) ? null : command.Fallback.Trim());
        }
    }

    /// <summary>
    /// The station a gift to <paramref name="recipientId"/> may fall back to, by slug (none: a refund): only while that
    /// station has neither claimed nor declined, and only to another station that has claimed its escrow. A refusal names <paramref name="field"/>.
    /// </summary>
    public static async Task<Guid?> ResolveAsync(IAppDbContext db, Guid recipientId, string? slug, string field, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(slug))
        {
            return null;
        }

        var station = await db.Recipients.AsNoTracking().Where(r => r.Id == recipientId).Select(r => new { r.Name, r.ClaimedAt, r.DeclinedAt }).SingleAsync(cancellationToken);
        if (station.ClaimedAt is not null || station.DeclinedAt is not null)
        {
            throw Refusal(field, $"{station.Name} has {(station.ClaimedAt is not null ? "claimed its escrow" : "declined to join")}, so there is nothing to fall back from.");
        }

        var fallback = await db.Recipients.AsNoTracking().Where(r => r.Slug == slug.Trim() && r.ListedAt != null)
            .Select(r => new { r.Id, r.Name, r.ClaimedAt }).SingleOrDefaultAsync(cancellationToken)
            ?? throw Refusal(field, $"There is no station '{slug.Trim()}'.");
        if (fallback.Id == recipientId)
        {
            throw Refusal(field, "Choose another station than the one you gave to, or a refund.");
        }

        return fallback.ClaimedAt is null
            ? throw Refusal(field, $"{fallback.Name} has not claimed its escrow yet: choose a station that has, or a refund.")
            : fallback.Id;
    }

    private static ValidationException Refusal(string field, string message) => new([new ValidationFailure(field, message)]);
}
