using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Infrastructure.Jobs;

/// <summary>
/// Hangfire keeps its log provider and job activator in process-wide statics, set by whichever host configured it
/// last. Each host here gets its own activator (so its jobs run in its own container, with its own database, and as the
/// system), and logging that goes quiet instead of throwing once a host's logging is disposed (several hosts share a
/// test process).
/// </summary>
internal static class HangfireHosting
{
    public static IServiceCollection AddPerHostHangfireActivator(this IServiceCollection services) =>
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(new SystemScopes(sp.GetRequiredService<IServiceScopeFactory>())));

    public static IGlobalConfiguration UseHostLogging(this IGlobalConfiguration configuration, ILoggerFactory loggers) =>
        configuration.UseLogProvider(new HostLogProvider(loggers));

    /// <summary>Every job's scope is a system scope: jobs send their commands as the system.</summary>
    private sealed class SystemScopes(IServiceScopeFactory scopes) : IServiceScopeFactory
    {
        public IServiceScope CreateScope() => scopes.CreateSystemScope();
    }

    private sealed class HostLogProvider(ILoggerFactory loggers) : ILogProvider
    {
        public ILog GetLogger(string name)
        {
            try
            {
                return new HostLog(loggers.CreateLogger(name));
            }
            catch (ObjectDisposedException)
            {
                return new HostLog(null);
            }
        }
    }

    private sealed class HostLog(ILogger? logger) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (logger is null)
            {
                return false;
            }

            var level = logLevel switch
            {
                Hangfire.Logging.LogLevel.Trace => Microsoft.Extensions.Logging.LogLevel.Trace,
                Hangfire.Logging.LogLevel.Debug => Microsoft.Extensions.Logging.LogLevel.Debug,
                Hangfire.Logging.LogLevel.Info => Microsoft.Extensions.Logging.LogLevel.Information,
                Hangfire.Logging.LogLevel.Warn => Microsoft.Extensions.Logging.LogLevel.Warning,
                Hangfire.Logging.LogLevel.Error => Microsoft.Extensions.Logging.LogLevel.Error,
                _ => Microsoft.Extensions.Logging.LogLevel.Critical,
            };
            try
            {
                if (messageFunc is null || !logger.IsEnabled(level))
                {
                    return logger.IsEnabled(level);
                }

                logger.Log(level, default, messageFunc(), exception, static (message, _) => message);
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
