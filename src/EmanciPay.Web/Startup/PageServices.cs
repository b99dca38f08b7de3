using EmanciPay.Infrastructure.Mail;
using EmanciPay.Infrastructure.Payments;
using EmanciPay.Web.Pages;
using EmanciPay.Web.Pages.Dev;

namespace EmanciPay.Web.Startup;

/// <summary>What pages and views learn from Infrastructure, handed to them here so that they never reach into it.</summary>
public static class PageServices
{
    public static IServiceCollection AddPageServices(this IServiceCollection services)
    {
        services.AddSingleton(sp => new TestMode(sp.GetRequiredService<StripeSettings>().UsesEmulator));
        if (services.Any(d => d.ServiceType == typeof(MailFolder)))
        {
            services.AddSingleton(sp => new SentMail(sp.GetRequiredService<MailFolder>().Messages));
        }

        return services;
    }
}
