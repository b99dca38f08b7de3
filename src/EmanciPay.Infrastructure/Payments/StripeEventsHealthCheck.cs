using EmanciPay.Application.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EmanciPay.Infrastructure.Payments;

/// <summary>
/// Degraded, never unhealthy, when the webhook inbox is not keeping up (an event due for more than five minutes) or
/// holds events that keep failing: payments would be missing from the books without any request failing. One bad
/// event must not take nodes out of service, so this reports and leaves the node in rotation.
/// </summary>
public sealed class StripeEventsHealthCheck(IServiceScopeFactory scopes, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan MaxLag = TimeSpan.FromMinutes(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var events = scope.ServiceProvider.GetRequiredService<IAppDbContext>().StripeEvents.AsNoTracking().Where(e => e.ProcessedAt == null);
        var now = clock.GetUtcNow();
        var lagging = await events.CountAsync(e => e.DueAt <= now - MaxLag, cancellationToken);
        var failing = await events.CountAsync(e => e.FailedAttempts > 0, cancellationToken);
        return lagging == 0 && failing == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded($"Stripe events: {lagging} due for over {MaxLag.TotalMinutes:0} minutes, {failing} failing and waiting to be retried.");
    }
}
