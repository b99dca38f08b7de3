using EmanciPay.Application.Common;
using EmanciPay.Infrastructure.Persistence;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmanciPay.Infrastructure.Jobs;

/// <summary>
/// Hands committed outbox messages to Hangfire, on every node (unless <c>Outbox:Dispatch</c> is off): claims a batch
/// of due messages (rows another node has claimed are skipped, not waited for), enqueues each as a job and marks it
/// dispatched, in one short transaction. A crash after enqueueing and before the commit enqueues those again, which
/// jobs allow (they are safe to run twice); a crash before never loses one. Dispatched messages are pruned after
/// <c>Outbox:RetentionDays</c>.
/// </summary>
public sealed partial class OutboxDispatcher(IServiceScopeFactory scopes, IOptions<OutboxOptions> options, TimeProvider clock, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    private readonly int batchSize = Math.Clamp(options.Value.BatchSize, 1, 1000);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Dispatch)
        {
            return;
        }

        var pruned = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DispatchDueAsync(stoppingToken) == batchSize)
                {
                }

                if (clock.GetUtcNow() - pruned > PruneInterval)
                {
                    await PruneAsync(stoppingToken);
                    pruned = clock.GetUtcNow();
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogOutboxUnavailable(logger, exception.GetType().Name);
            }

            await Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds), stoppingToken);
        }
    }

    /// <summary>One pass: dispatches up to a batch of due messages; returns how many it claimed.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var hangfire = scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>();
        return await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().InTransactionAsync(
            async ct =>
            {
                var now = clock.GetUtcNow();
                var messages = await DueLocked(db, now, batchSize).ToListAsync(ct);
                foreach (var message in messages)
                {
                    try
                    {
                        var command = message.ReadCommand();
                        var run = typeof(CommandJob).GetMethod(nameof(CommandJob.RunAsync))!.MakeGenericMethod(command.GetType());
                        hangfire.Create(new Job(typeof(CommandJob), run, command, CancellationToken.None), new EnqueuedState());
                        message.MarkDispatched(now);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        LogDispatchFailed(logger, message.Id, message.Type, exception.GetType().Name);
                        message.RecordFailedAttempt(now, exception);
                    }
                }

                return messages.Count;
            },
            cancellationToken);
    }

    /// <summary>Due, undispatched messages, locked until the transaction ends, in each provider's dialect.</summary>
    public static IQueryable<OutboxMessage> DueLocked(AppDbContext db, DateTimeOffset now, int batchSize)
    {
        if (db.Database.IsNpgsql())
        {
            return db.OutboxMessages.FromSql($"""SELECT * FROM "OutboxMessages" WHERE "DispatchedAt" IS NULL AND "DueAt" <= {now} ORDER BY "DueAt" LIMIT {batchSize} FOR UPDATE SKIP LOCKED""");
        }

        if (db.Database.IsSqlServer())
        {
            return db.OutboxMessages.FromSql($"""SELECT TOP ({batchSize}) * FROM [OutboxMessages] WITH (UPDLOCK, ROWLOCK, READPAST) WHERE [DispatchedAt] IS NULL AND [DueAt] <= {now} ORDER BY [DueAt]""");
        }

        // SQLite has one writer at a time: the transaction itself keeps other dispatchers out.
        return db.OutboxMessages.Where(m => m.DispatchedAt == null && m.DueAt <= now).OrderBy(m => m.DueAt).Take(batchSize);
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var before = clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxMessages
            .Where(m => m.DispatchedAt != null && m.DispatchedAt < before)
            .ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox could not be read ({ExceptionType}); trying again at the next poll")]
    private static partial void LogOutboxUnavailable(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageId} ({MessageType}) could not be enqueued ({ExceptionType}); retried with backoff")]
    private static partial void LogDispatchFailed(ILogger logger, Guid messageId, string messageType, string exceptionType);
}
