namespace EmanciPay.Application.Common;

/// <summary>Why the database cannot serve a request for now.</summary>
public enum DatabaseFault
{
    /// <summary>Someone else held a lock past the lock timeout (Database:LockTimeoutSeconds).</summary>
    Locked,

    /// <summary>The disk or the database is full: a write was refused for want of space.</summary>
    Full,

    /// <summary>The database could not be reached, or refused new sessions.</summary>
    Unreachable,
}

/// <summary>
/// The database cannot serve the request now, through no fault of the request: answered 503 problem+json with
/// Retry-After (the friendly 503 page for browsers). Infrastructure turns the providers' own errors into this one.
/// </summary>
public sealed class DatabaseUnavailableException(DatabaseFault fault, Exception? innerException = null)
    : Exception(Describe(fault), innerException)
{
    public DatabaseFault Fault { get; } = fault;

    /// <summary>When a retry has a fair chance: a lock is usually gone in seconds, space takes someone to free it.</summary>
    public TimeSpan RetryAfter => Fault switch
    {
        DatabaseFault.Locked => TimeSpan.FromSeconds(5),
        DatabaseFault.Full => TimeSpan.FromSeconds(60),
        _ => TimeSpan.FromSeconds(15),
    };

    /// <summary>This exception, or the one inside a wrapper (EF's DbUpdateException, an aggregate).</summary>
    public static DatabaseUnavailableException? In(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DatabaseUnavailableException unavailable)
            {
                return unavailable;
            }
        }

        return null;
    }

    private static string Describe(DatabaseFault fault) => fault switch
    {
        DatabaseFault.Locked => "The database is locked by another session.",
        DatabaseFault.Full => "The database refused a write for want of space.",
        _ => "The database cannot be reached.",
    };
}
