namespace EmanciPay.Application.Features.Payouts;

/// <summary>Where to mail a station's managers: the confirmed addresses of the accounts that manage it (Identity, in Infrastructure).</summary>
public interface IStationManagerAddresses
{
    Task<IReadOnlyList<string>> OfStationAsync(Guid stationId, CancellationToken cancellationToken);
}
