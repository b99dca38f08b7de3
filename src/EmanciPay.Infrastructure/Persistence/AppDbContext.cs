using System.Text.Json;
using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Pledges;
using EmanciPay.Domain.Recipients;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.Infrastructure.Jobs;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EmanciPay.Infrastructure.Persistence;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser>(options), IAppDbContext, IDataProtectionKeyContext
{
    public DbSet<Recipient> Recipients => Set<Recipient>();

    public DbSet<Pledge> Pledges => Set<Pledge>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<StripeEvent> StripeEvents => Set<StripeEvent>();

    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();

    public DbSet<LedgerAccount> LedgerAccounts => Set<LedgerAccount>();

    public DbSet<AccountBalanceSlot> LedgerBalances => Set<AccountBalanceSlot>();

    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();

    public DbSet<LedgerTransfer> LedgerTransfers => Set<LedgerTransfer>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public async Task<IReadOnlySet<string>> AddNewStripeEventsAsync(IReadOnlyList<StripeEvent> events, CancellationToken cancellationToken)
    {
        var added = new HashSet<string>(StringComparer.Ordinal);
        if (Database.IsNpgsql())
        {
            // One statement for the lot: ids already there are skipped, not errors.
            await Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = Database.GetDbConnection().CreateCommand();
                command.CommandText = """
                    INSERT INTO "StripeEvents" ("Id", "Type", "PaymentIntentId", "Payload", "ReceivedAt", "ProcessedAt", "FailedAttempts", "DueAt")
                    SELECT e.id, e.type, e.intent, e.payload, e.received, NULL, 0, e.received
                    FROM unnest(@ids, @types, @intents, @payloads, @received) AS e(id, type, intent, payload, received)
                    ON CONFLICT ("Id") DO NOTHING
                    RETURNING "Id"
                    """;
                command.Parameters.Add(new NpgsqlParameter("ids", events.Select(e => e.Id).ToArray()));
                command.Parameters.Add(new NpgsqlParameter("types", events.Select(e => e.Type).ToArray()));
                command.Parameters.Add(new NpgsqlParameter("intents", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = events.Select(e => e.PaymentIntentId).ToArray() });
                command.Parameters.Add(new NpgsqlParameter("payloads", events.Select(e => e.Payload).ToArray()));
                command.Parameters.Add(new NpgsqlParameter("received", events.Select(e => e.ReceivedAt).ToArray()));
                command.Transaction = Database.CurrentTransaction?.GetDbTransaction();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    added.Add(reader.GetString(0));
                }
            }
            finally
            {
                await Database.CloseConnectionAsync();
            }

            return added;
        }

        // Elsewhere one at a time: the unique key turns a redelivery into an error we expect.
        foreach (var stripeEvent in events)
        {
            StripeEvents.Add(stripeEvent);
            try
            {
                await SaveChangesAsync(cancellationToken);
                added.Add(stripeEvent.Id);
            }
            catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
            {
                Entry(stripeEvent).State = EntityState.Detached;
            }
        }

        return added;
    }

    public Task<List<StripeEvent>> LockUnprocessedStripeEventsAsync(IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken) =>
        UnprocessedStripeEventsLocked(eventIds).ToListAsync(cancellationToken);

    /// <summary>The query behind <see cref="LockUnprocessedStripeEventsAsync"/>, in each provider's locking dialect.</summary>
    public IQueryable<StripeEvent> UnprocessedStripeEventsLocked(IReadOnlyCollection<string> eventIds)
    {
        var ids = eventIds.ToArray();
        if (Database.IsNpgsql())
        {
            return StripeEvents.FromSql($"""SELECT * FROM "StripeEvents" WHERE "Id" = ANY({ids}) AND "ProcessedAt" IS NULL FOR UPDATE SKIP LOCKED""");
        }

        if (Database.IsSqlServer())
        {
            var json = JsonSerializer.Serialize(ids);
            return StripeEvents.FromSql($"""SELECT * FROM [StripeEvents] WITH (UPDLOCK, ROWLOCK, READPAST) WHERE [Id] IN (SELECT [value] FROM OPENJSON({json})) AND [ProcessedAt] IS NULL""");
        }

        // SQLite has one writer at a time: the transaction itself keeps other workers out.
        return StripeEvents.Where(e => ids.Contains(e.Id) && e.ProcessedAt == null);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Currency>().HaveConversion<CurrencyConverter>().HaveMaxLength(3).AreFixedLength();

        // SQLite has no date-time-with-offset type and cannot order or compare DateTimeOffset text; store UTC ticks.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    private sealed class CurrencyConverter() : ValueConverter<Currency, string>(c => c.Code, code => Currency.Parse(code));
}
