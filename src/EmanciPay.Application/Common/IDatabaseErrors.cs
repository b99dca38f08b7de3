namespace EmanciPay.Application.Common;

/// <summary>Recognises provider-specific database errors, which Application cannot reference directly.</summary>
public interface IDatabaseErrors
{
    /// <summary>True when the exception (or one inside it) is a unique constraint violation.</summary>
    bool IsUniqueViolation(Exception exception);

    /// <summary>True when the database itself is at fault (locked, full, out of reach): see <see cref="DatabaseUnavailableException"/>.</summary>
    bool IsUnavailable(Exception exception);
}
