using EmanciPay.Application.Features.Payouts;
using EmanciPay.Application.Payments;
using EmanciPay.Infrastructure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stripe;

namespace EmanciPay.Infrastructure.Payments;

internal static class TransferServices
{
    /// <summary>Payouts: their settings, Stripe transfers, and where their notices go.</summary>
    public static IServiceCollection AddTransfers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PayoutOptions>().Bind(configuration.GetSection(PayoutOptions.Section));
        StripeOptionsReflection.Hold(typeof(TransferCreateOptions), typeof(TransferListOptions));
        services.AddScoped<ITransferGateway, StripeTransferGateway>();
        services.AddScoped<IStationManagerAddresses, StationManagerAddresses>();
        return services;
    }
}
