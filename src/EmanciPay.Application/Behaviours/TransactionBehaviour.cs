using EmanciPay.Application.Common;
using Mediator;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Application.Behaviours;

/// <summary>
/// One database transaction per command, run under the provider's execution strategy; SaveChanges and commit happen
/// here, so HTTP requests and Hangfire jobs get the same unit of work. A command that calls out (<see cref="ICallsOut"/>)
/// gets no transaction around its handler, which commits before its call; its remaining changes are committed here
/// after it returns. When two commands race on the same unique key (an idempotency key, an account), the loser's
/// changes are dropped and the command runs again, and finds the winner's rows: handlers are written to be safe to
/// run twice.
/// </summary>
public sealed partial class TransactionBehaviour<TMessage, TResponse>(
    IUnitOfWork unitOfWork,
    IDatabaseErrors databaseErrors,
    ILogger<TransactionBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    private const int MaxAttempts = 3;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (unitOfWork.InTransaction)
        {
            return await next(message, cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (message is ICallsOut)
                {
                    unitOfWork.Clear();
                    var response = await next(message, cancellationToken);
                    await unitOfWork.CommitAsync(cancellationToken);
                    return response;
                }

                return await unitOfWork.InTransactionAsync(async ct => await next(message, ct), cancellationToken);
            }
            catch (Exception exception) when (attempt < MaxAttempts && databaseErrors.IsUniqueViolation(exception))
            {
                LogRetry(logger, typeof(TMessage).Name, attempt);
                unitOfWork.Clear();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{MessageType} lost a race on a unique key; running it again (attempt {Attempt})")]
    private static partial void LogRetry(ILogger logger, string messageType, int attempt);
}
