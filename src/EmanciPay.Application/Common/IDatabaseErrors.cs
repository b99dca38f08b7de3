namespace EmanciPay.Application.Common;

/// <summary>Recognises provider-specific database errors, which Application cannot reference directly.</summary>
public interface IDatabaseErrors
{
    /// <summary>True when the exception (or one inside it) is a unique constraint violation.</summary>
    bool IsUniqueViolation(Exception exception);

    /// <summary>
    /// The exception as a <see cref="DatabaseUnavailableException"/> when the database itself is at fault (locked past
    /// the lock timeout, full, out of reach); null when it is not.
    /// </summary>
    DatabaseUnavailableException? Unavailable(Exception exception);
}
