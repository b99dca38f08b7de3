using EmanciPay.Application.Features.Payouts;
using EmanciPay.Application.Payments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stripe;

namespace EmanciPay.Infrastructure.Payments;

internal static class TransferServices
{
    /// <summary>Payouts: their settings and Stripe transfers.</summary>
    public static IServiceCollection AddTransfers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PayoutOptions>().Bind(configuration.GetSection(PayoutOptions.Section));
        StripeOptionsReflection.Hold(typeof(TransferCreateOptions), typeof(TransferListOptions));
        services.AddScoped<ITransferGateway, StripeTransferGateway>();
        StripeOptionsReflection.Hold(typeof(RefundCreateOptions), typeof(RefundListOptions), typeof(TransferReversalCreateOptions), typeof(BalanceGetOptions));
        services.AddScoped<IRefundGateway, StripeRefundGateway>();
        return services;
    }
}
