using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using EmanciPay.Application.Common;
using Mediator;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Application.Behaviours;

/// <summary>
/// Logs each message's type name, its ids and how it ended. Only properties named "...Id" holding a Guid, a number or
/// an identifier string are logged, so amounts, e-mail addresses, messages and card data never reach the logs.
/// </summary>
public sealed partial class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> IdProperties = new();

    private static readonly LogLevel HandledLevel = typeof(IRoutinePoll).IsAssignableFrom(typeof(TMessage)) ? LogLevel.Debug : LogLevel.Information;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var name = typeof(TMessage).FullName?.Replace(typeof(TMessage).Namespace + ".", string.Empty, StringComparison.Ordinal) ?? typeof(TMessage).Name;
        var ids = DescribeIds(message);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogHandled(logger, HandledLevel, name, ids, elapsed);
            return response;
        }
        catch (Exception exception)
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogFailed(logger, name, ids, exception.GetType().Name, elapsed);
            throw;
        }
    }

    private static string DescribeIds(TMessage message)
    {
        var properties = IdProperties.GetOrAdd(message.GetType(), type => type
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name.EndsWith("Id", StringComparison.Ordinal) && IsIdType(Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType))
            .ToArray());
        return string.Join(", ", properties.Select(p => $"{p.Name}={p.GetValue(message)}"));
    }

    private static bool IsIdType(Type type) => type == typeof(Guid) || type == typeof(long) || type == typeof(int) || type == typeof(string);

    [LoggerMessage(Message = "Handled {MessageType} ({Ids}) in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, LogLevel level, string messageType, string ids, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{MessageType} ({Ids}) failed with {ExceptionType} after {ElapsedMs:0.0} ms")]
    private static partial void LogFailed(ILogger logger, string messageType, string ids, string exceptionType, double elapsedMs);
}
