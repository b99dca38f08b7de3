using Microsoft.EntityFrameworkCore;

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

/// <summary>The assignments approved claims and invitations made.</summary>
internal sealed class StationManagersFromAssignments(IAppDbContext db) : IStationManagers
{
    public Task<bool> ManagesAsync(string userId, Guid stationId, CancellationToken cancellationToken) =>
        db.StationManagers.AnyAsync(m => m.UserId == userId && m.RecipientId == stationId, cancellationToken);
}
