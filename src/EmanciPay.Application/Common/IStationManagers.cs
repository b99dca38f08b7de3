namespace EmanciPay.Application.Common;

/// <summary>A message about one station, which <see cref="Sender.StationManager"/> lets only that station's managers send.</summary>
public interface IStationMessage
{
    Guid StationId { get; }
}

/// <summary>Which users manage which stations: the link a station's approved claim creates.</summary>
public interface IStationManagers
{
    Task<bool> ManagesAsync(string userId, Guid stationId, CancellationToken cancellationToken);
}

/// <summary>No station can be claimed yet, so nobody manages one; the station claims feature replaces this with the approved claims.</summary>
internal sealed class NoStationClaimsYet : IStationManagers
{
    public Task<bool> ManagesAsync(string userId, Guid stationId, CancellationToken cancellationToken) => Task.FromResult(false);
}
