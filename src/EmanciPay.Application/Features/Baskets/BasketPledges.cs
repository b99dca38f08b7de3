using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Pledges;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Baskets;

/// <summary>What every pledge charged through the basket needs first: a station that takes pledges, and a saved card to charge.</summary>
public sealed class BasketPledges(IAppDbContext db, PledgeStations stations, IUserAccounts accounts)
{
    public async Task<(PledgeStations.Station Station, string Email)> RequireAsync(string listenerId, string slug, CancellationToken cancellationToken)
    {
        var station = await stations.FindAsync(db, slug, cancellationToken)
            ?? throw Invalid("Station", $"There is no station '{slug}'.");
        if (station.DeclineReason is { } declined)
        {
            throw Invalid("Station", $"{station.Name} has said it will not join EmanciPay, so it takes no pledges: {declined}");
        }

        if (!await db.ListenerCards.AnyAsync(c => c.ListenerId == listenerId, cancellationToken))
        {
            throw Invalid("Card", "Your basket is charged to a saved card, and you have none yet: a monthly pledge saves the card you pay it with.");
        }

        var email = (await accounts.EmailsAsync([listenerId], cancellationToken)).GetValueOrDefault(listenerId)
            ?? throw new SignInRequiredException("a basket pledge");
        return (station, email);
    }

    private static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}
