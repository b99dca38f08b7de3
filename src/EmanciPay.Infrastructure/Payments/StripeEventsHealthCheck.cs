using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EmanciPay.Infrastructure.Payments;

/// <summary>
/// Degraded, never unhealthy, when the webhook inbox is not keeping up (an event due for more than five minutes),
/// holds events that keep failing, or keeps events of types no handler owns (a refund or a dispute made at Stripe that
/// our books do not show yet): money would be missing from the books without any request failing. One bad event must
/// not take nodes out of service, so this reports and leaves the node in rotation.
/// </summary>
public sealed class StripeEventsHealthCheck(IServiceScopeFactory scopes, TimeProvider clock) : IHealthCheck
{
    private const int IgnoredTypesNamed = 10;

    public static readonly TimeSpan MaxLag = TimeSpan.FromMinutes(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var inbox = scope.ServiceProvider.GetRequiredService<IAppDbContext>().StripeEvents.AsNoTracking();
        var waiting = inbox.Where(e => e.Status == StripeEventStatus.Received);
        var now = clock.GetUtcNow();
        var lagging = await waiting.CountAsync(e => e.DueAt <= now - MaxLag, cancellationToken);
        var failing = await waiting.CountAsync(e => e.FailedAttempts > 0, cancellationToken);
        var ignored = await inbox.Where(e => e.Status == StripeEventStatus.Ignored)
            .GroupBy(e => e.Type)
            .Select(g => new { Type = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count)
            .Take(IgnoredTypesNamed)
            .ToListAsync(cancellationToken);
        if (lagging == 0 && failing == 0 && ignored.Count == 0)
        {
            return HealthCheckResult.Healthy();
        }

        var data = new Dictionary<string, object> { ["lagging"] = lagging, ["failing"] = failing };
        foreach (var type in ignored)
        {
            data[$"ignored:{type.Type}"] = type.Count;
        }

        var ignoredTypes = ignored.Count == 0 ? "none" : string.Join(", ", ignored.Select(t => $"{t.Type} {t.Count}"));
        return HealthCheckResult.Degraded(
            $"Stripe events: {lagging} due for over {MaxLag.TotalMinutes:0} minutes, {failing} failing and waiting to be retried; kept as ignored, for want of a handler: {ignoredTypes}.",
            data: data);
    }
}
