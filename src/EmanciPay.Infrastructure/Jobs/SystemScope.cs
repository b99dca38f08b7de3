using EmanciPay.Application.Common;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.Infrastructure.Jobs;

/// <summary>
/// Jobs, background workers and start-up tasks send their messages as the system (<see cref="Sender.System"/>): each
/// opens its scope with <see cref="CreateSystemScope"/>. Every other scope sends as the host's user (in Web, the
/// request's), so a scope without a request and not opened as the system is anonymous, never the system by accident.
/// </summary>
public static class SystemScope
{
    /// <summary>The current user is <typeparamref name="TUser"/> (the host's own), except in a system scope.</summary>
    public static IServiceCollection AddCurrentUser<TUser>(this IServiceCollection services)
        where TUser : class, ICurrentUser
    {
        services.AddScoped<Marker>();
        services.AddScoped<TUser>();
        return services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<Marker>().IsSystem ? SystemUser.Instance : sp.GetRequiredService<TUser>());
    }

    public static AsyncServiceScope CreateSystemScope(this IServiceScopeFactory scopes)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Marker>().IsSystem = true;
        return scope;
    }

    /// <summary>Set once, when the scope opens and before anything in it asks who the current user is.</summary>
    internal sealed class Marker
    {
        public bool IsSystem { get; set; }
    }

    private sealed class SystemUser : ICurrentUser
    {
        public static readonly SystemUser Instance = new();

        public string? UserId => null;

        public bool IsSystem => true;

        public bool SignedInWithTwoFactor => false;

        public bool IsInRole(string role) => false;
    }
}
