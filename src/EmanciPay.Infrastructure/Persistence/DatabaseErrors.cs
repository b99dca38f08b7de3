using EmanciPay.Application.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EmanciPay.Infrastructure.Persistence;

internal sealed class DatabaseErrors : IDatabaseErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    bool IDatabaseErrors.IsUniqueViolation(Exception exception) => IsUniqueViolation(exception);

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
}
