using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Terms;

namespace EmanciPay.Application.Features.Payouts;

/// <summary>
/// No money leaves escrow for a station that has not agreed to honour its listeners' terms: the listeners gave under
/// those terms. A request is refused, a due schedule passes without paying, and a payout already approved fails with
/// this reason (its reservation goes back to available) when its transfer comes to run.
/// </summary>
public static class PayoutTerms
{
    public const string NotAgreed =
        "Payouts wait until the station has agreed to honour its listeners' terms (today's roster): a manager agrees on the portal's Terms page, then requests the payout again.";

    /// <summary>Whether the station's agreement in force covers today's roster at today's versions.</summary>
    public static async Task<bool> AgreedAsync(IAppDbContext db, Guid stationId, CancellationToken cancellationToken) =>
        await StationAgreements.CurrentAsync(db, stationId, cancellationToken) is { } agreement && agreement.CoversRoster();
}
