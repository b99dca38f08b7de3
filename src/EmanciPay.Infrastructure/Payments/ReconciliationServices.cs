using EmanciPay.Application.Features.Reconciliation;
using EmanciPay.Application.Payments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stripe;
using Stripe.Reporting;

namespace EmanciPay.Infrastructure.Payments;

internal static class ReconciliationServices
{
    /// <summary>Reconciliation: its settings, the ledger's side and Stripe's balance transactions and reports.</summary>
    public static IServiceCollection AddReconciliation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReconciliationOptions>().Bind(configuration.GetSection(ReconciliationOptions.Section));
        StripeOptionsReflection.Hold(typeof(BalanceTransactionListOptions), typeof(ReportRunCreateOptions), typeof(ReportRunGetOptions));
        services.AddScoped<IBalanceReportGateway, StripeBalanceReportGateway>();
        services.AddScoped<ReconciliationLedger>();
        return services;
    }
}
