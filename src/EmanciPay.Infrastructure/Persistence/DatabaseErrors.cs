using EmanciPay.Application.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EmanciPay.Infrastructure.Persistence;

/// <summary>The one place where the providers' own errors are recognised: unique violations, and faults of the database itself.</summary>
internal sealed class DatabaseErrors : IDatabaseErrors
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteFull = 13;
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    bool IDatabaseErrors.IsUniqueViolation(Exception exception) => IsUniqueViolation(exception);

    DatabaseUnavailableException? IDatabaseErrors.Unavailable(Exception exception) => Unavailable(exception);

    public static bool IsUniqueViolation(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var unique = e switch
            {
                PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
                SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
                SqlException sql => sql.Number is 2601 or 2627,
                _ => false,
            };
            if (unique)
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc cref="IDatabaseErrors.Unavailable"/>
    public static DatabaseUnavailableException? Unavailable(Exception exception)
    {
        if (DatabaseUnavailableException.In(exception) is { } unavailable)
        {
            return unavailable;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (Fault(e) is { } fault)
            {
                return new DatabaseUnavailableException(fault, exception);
            }
        }

        return null;
    }

    private static DatabaseFault? Fault(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } => DatabaseFault.Locked,
        SqliteException { SqliteErrorCode: SqliteFull } => DatabaseFault.Full,
        PostgresException pg => pg.SqlState switch
        {
            // lock_timeout, statement_timeout (or a cancel), a deadlock: someone else held what this needed.
            PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.QueryCanceled or PostgresErrorCodes.DeadlockDetected => DatabaseFault.Locked,
            PostgresErrorCodes.DiskFull => DatabaseFault.Full,
            // Insufficient resources (too many connections, out of memory), the server shutting down or starting, a lost connection.
            { } state when state.StartsWith("53", StringComparison.Ordinal) || state.StartsWith("08", StringComparison.Ordinal)
                || state is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow => DatabaseFault.Unreachable,
            _ => null,
        },
        // Not an error of the server: the socket, a timeout, an exhausted connection pool.
        NpgsqlException { IsTransient: true } => DatabaseFault.Unreachable,
        SqlException sql => sql.Number switch
        {
            1222 or 1205 => DatabaseFault.Locked,
            1105 or 9002 => DatabaseFault.Full,
            _ => null,
        },
        _ => null,
    };
}
