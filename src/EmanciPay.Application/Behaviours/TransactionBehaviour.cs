using EmanciPay.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Application.Behaviours;

/// <summary>
/// One database transaction per command, run under the provider's execution strategy; SaveChanges and commit happen
/// here, so HTTP requests and Hangfire jobs get the same unit of work. When two commands race on the same unique key
/// (an idempotency key, an account), the loser's transaction is rolled back and the command runs again, and finds
/// the winner's rows: handlers are written to be safe to run twice.
/// </summary>
public sealed partial class TransactionBehaviour<TMessage, TResponse>(
    IAppDbContext db,
    IDatabaseErrors databaseErrors,
    IBackgroundJobs jobs,
    ILogger<TransactionBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    private const int MaxAttempts = 3;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await next(message, cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var strategy = db.Database.CreateExecutionStrategy();
                var result = await strategy.ExecuteAsync(async () =>
                {
                    db.ChangeTracker.Clear();
                    jobs.Discard();
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    var response = await next(message, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return response;
                });
                jobs.Flush();
                return result;
            }
            catch (Exception exception) when (attempt < MaxAttempts && databaseErrors.IsUniqueViolation(exception))
            {
                LogRetry(logger, typeof(TMessage).Name, attempt);
                db.ChangeTracker.Clear();
            }
            catch
            {
                jobs.Discard();
                throw;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{MessageType} lost a race on a unique key; running it again (attempt {Attempt})")]
    private static partial void LogRetry(ILogger logger, string messageType, int attempt);
}
