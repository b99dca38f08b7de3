using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Ledger;
using EmanciPay.Application.Payments;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(LoggingBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(TransactionBehaviour<,>)];
        });
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Scoped, includeInternalTypes: false);
        services.AddScoped<LedgerBook>();
        services.AddScoped<PaymentRecorder>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
