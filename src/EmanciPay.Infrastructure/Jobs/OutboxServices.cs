using EmanciPay.Application.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.Infrastructure.Jobs;

public static class OutboxServices
{
    /// <summary>Jobs go through the outbox; its dispatcher runs on every node where <c>Outbox:Dispatch</c> is on.</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section));
        services.AddScoped<IBackgroundJobs, OutboxJobs>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
