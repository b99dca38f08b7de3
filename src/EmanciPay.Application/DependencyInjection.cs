using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Connect;
using EmanciPay.Application.Features.Payouts;
using EmanciPay.Application.Features.Pledges;
using EmanciPay.Application.Features.Refunds;
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
            options.PipelineBehaviors = [typeof(LoggingBehaviour<,>), typeof(AuthorizationBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(TransactionBehaviour<,>), typeof(IdempotencyBehaviour<,>), typeof(AuditBehaviour<,>)];
        });
        // Building a validator compiles its rules, so validators are built once; those that query the database live per scope.
        var assembly = typeof(DependencyInjection).Assembly;
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton, result => !QueriesTheDatabase(result.ValidatorType));
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Scoped, result => QueriesTheDatabase(result.ValidatorType));
        services.AddScoped<IStationManagers, StationManagersFromAssignments>();
        services.AddScoped<LedgerBook>();
        services.AddMemoryCache();
        services.AddSingleton<PledgeStations>();
        services.AddScoped<PaymentRecorder>();
        services.AddScoped<BasketRecorder>();
        services.AddScoped<Features.Baskets.BasketItems>();
        services.AddScoped<Features.Baskets.BasketPledges>();
        services.AddScoped<Features.Baskets.ListenerCardUpdates>();
        services.AddScoped<PayoutRequests>();
        services.AddScoped<PayoutBooks>();
        services.AddScoped<RefundBooks>();
        services.AddScoped<PaidOutReversals>();

        // Each area's Stripe events: a type owned by no handler is kept as ignored until one is registered here.
        services.AddScoped<IStripeEventsHandler, PaymentEvents>();
        services.AddScoped<IStripeEventsHandler, ConnectEvents>();
        services.AddScoped<IStripeEventsHandler, PayoutTransferEvents>();
        services.AddScoped<IStripeEventsHandler, RefundEvents>();
        services.AddScoped<IStripeEventsHandler, DisputeEvents>();
        services.AddScoped<IStripeEventsHandler, PlatformPayoutEvents>();
        services.AddScoped<IStripeEventsHandler, Features.Baskets.CardUpdateEvents>();
        services.AddScoped<StripeEventRouter>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    private static bool QueriesTheDatabase(Type validator) =>
        validator.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(IAppDbContext)));
}
