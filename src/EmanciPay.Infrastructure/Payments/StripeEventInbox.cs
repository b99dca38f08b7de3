using System.Text.Json;
using EmanciPay.Application.Payments;
using EmanciPay.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace EmanciPay.Infrastructure.Payments;

/// <summary>The inbox's provider-specific statements, on the request's own AppDbContext (and so in its transaction).</summary>
public sealed class StripeEventInbox(AppDbContext db) : IStripeEventInbox
{
    public async Task<IReadOnlySet<string>> AddNewAsync(IReadOnlyList<StripeEvent> events, CancellationToken cancellationToken)
    {
        var added = new HashSet<string>(StringComparer.Ordinal);
        if (db.Database.IsNpgsql())
        {
            // One statement for the lot: ids already there are skipped, not errors.
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = """
                    INSERT INTO "StripeEvents" ("Id", "Type", "ObjectType", "ObjectId", "Payload", "ReceivedAt", "Status", "ProcessedAt", "FailedAttempts", "DueAt")
                    SELECT e.id, e.type, e.object_type, e.object_id, e.payload, e.received, @status, NULL, 0, e.received
                    FROM unnest(@ids, @types, @objectTypes, @objectIds, @payloads, @received) AS e(id, type, object_type, object_id, payload, received)
                    ON CONFLICT ("Id") DO NOTHING
                    RETURNING "Id"
                    """;
                command.Parameters.Add(new NpgsqlParameter("ids", events.Select(e => e.Id).ToArray()));
                command.Parameters.Add(new NpgsqlParameter("types", events.Select(e => e.Type).ToArray()));
                command.Parameters.Add(new NpgsqlParameter("objectTypes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = events.Select(e => e.ObjectType).ToArray() });
                command.Parameters.Add(new NpgsqlParameter("objectIds", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = events.Select(e => e.ObjectId).ToArray() });
                command.Parameters.Add(new NpgsqlParameter("payloads", events.Select(e => e.Payload).ToArray()));
                command.Parameters.Add(new NpgsqlParameter("received", events.Select(e => e.ReceivedAt).ToArray()));
                command.Parameters.Add(new NpgsqlParameter("status", nameof(StripeEventStatus.Received)));
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    added.Add(reader.GetString(0));
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            return added;
        }

        // Elsewhere one at a time: the unique key turns a redelivery into an error we expect.
        foreach (var stripeEvent in events)
        {
            db.StripeEvents.Add(stripeEvent);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                added.Add(stripeEvent.Id);
            }
            catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
            {
                db.Entry(stripeEvent).State = EntityState.Detached;
            }
        }

        return added;
    }

    public Task<List<StripeEvent>> LockReceivedAsync(IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken) =>
        ReceivedLocked(eventIds).ToListAsync(cancellationToken);

    /// <summary>The query behind <see cref="LockReceivedAsync"/>, in each provider's locking dialect.</summary>
    public IQueryable<StripeEvent> ReceivedLocked(IReadOnlyCollection<string> eventIds)
    {
        var ids = eventIds.ToArray();
        var received = nameof(StripeEventStatus.Received);
        if (db.Database.IsNpgsql())
        {
            return db.StripeEvents.FromSql($"""SELECT * FROM "StripeEvents" WHERE "Id" = ANY({ids}) AND "Status" = {received} FOR UPDATE SKIP LOCKED""");
        }

        if (db.Database.IsSqlServer())
        {
            var json = JsonSerializer.Serialize(ids);
            return db.StripeEvents.FromSql($"""SELECT * FROM [StripeEvents] WITH (UPDLOCK, ROWLOCK, READPAST) WHERE [Id] IN (SELECT [value] FROM OPENJSON({json})) AND [Status] = {received}""");
        }

        // SQLite has one writer at a time: the transaction itself keeps other workers out.
        return db.StripeEvents.Where(e => ids.Contains(e.Id) && e.Status == StripeEventStatus.Received);
    }
}
