using EmanciPay.Application.Common;
using EmanciPay.Domain.Pledges;
using EmanciPay.Domain.Terms;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Terms;

/// <summary>
/// Every station-facing read of a supporter goes through here: the listener's current terms and details, read now
/// (stations never hold copies), passed through <see cref="SupporterDisplay"/>. A guest, who has no account and so no
/// terms of their own, gets the default terms with the address their pledge gave.
/// </summary>
public static class StationSupporters
{
    /// <summary>What the station may see of the giver of each pledge, by pledge id.</summary>
    public static async Task<IReadOnlyDictionary<Guid, SupporterView>> ForPledgesAsync(IAppDbContext db, IUserAccounts accounts, DateTimeOffset now, IReadOnlyCollection<Pledge> pledges, CancellationToken cancellationToken)
    {
        var listeners = pledges.Where(p => p.ListenerId is not null).Select(p => p.ListenerId!).Distinct().ToList();
        var terms = listeners.Count == 0 ? [] : await db.ListenerTerms.AsNoTracking().Where(t => listeners.Contains(t.ListenerId)).ToDictionaryAsync(t => t.ListenerId, cancellationToken);
        var details = listeners.Count == 0 ? [] : await db.ListenerDetails.AsNoTracking().Where(d => listeners.Contains(d.ListenerId)).ToDictionaryAsync(d => d.ListenerId, cancellationToken);
        var emails = listeners.Count == 0 ? new Dictionary<string, string>() : await accounts.EmailsAsync(listeners, cancellationToken);
        return pledges.DistinctBy(p => p.Id).ToDictionary(p => p.Id, p =>
        {
            if (p.ListenerId is not { } listener)
            {
                return SupporterDisplay.Resolve(ListenerTerms.Default(""), p.Anonymous, new SupporterDetails(null, p.Email, null), p.Message, now);
            }

            var current = details.GetValueOrDefault(listener);
            return SupporterDisplay.Resolve(
                terms.GetValueOrDefault(listener) ?? ListenerTerms.Default(listener),
                p.Anonymous,
                new SupporterDetails(current?.Name, emails.GetValueOrDefault(listener) ?? p.Email, current?.PostalAddress),
                p.Message,
                now);
        });
    }
}
