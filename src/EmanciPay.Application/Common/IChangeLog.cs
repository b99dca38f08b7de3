namespace EmanciPay.Application.Common;

/// <summary>
/// What a unit of work saves, row by row, for the audit log: implemented over EF's change tracker in Infrastructure.
/// A recording collects every save made while it is open and, on <see cref="ChangeRecording.Capture"/>, what is tracked
/// and not yet saved (the transaction behaviour saves that after the handler returns).
/// </summary>
public interface IChangeLog
{
    ChangeRecording Record();
}

/// <summary>One row changed: its entity type, key, state (added, modified, deleted) and the values that changed, before and after.</summary>
public sealed record AuditedChange(string Entity, string Key, string State, IReadOnlyDictionary<string, string?>? Before, IReadOnlyDictionary<string, string?>? After);

public abstract class ChangeRecording : IDisposable
{
    /// <summary>The changes saved while recording, then those still pending.</summary>
    public abstract IReadOnlyList<AuditedChange> Capture();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
