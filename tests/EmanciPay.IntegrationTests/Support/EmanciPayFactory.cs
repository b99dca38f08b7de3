using EmanciPay.Infrastructure.Mail;
using EmanciPay.Infrastructure.Payments;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.StripeEmulator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Support;

/// <summary>
/// The real app (Program) on a chosen database, with the Stripe emulator in process. Environment "Testing": no demo
/// data, no development admin. On the in-memory test server, Stripe.net and the emulator's webhook deliveries go
/// through the test server's handler; on a real port (<paramref name="realServer"/>) they use the network as in production.
/// </summary>
public sealed class EmanciPayFactory(
    DatabaseProvider provider,
    string connectionString,
    bool realServer = false,
    TimeProvider? clock = null,
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? testServices = null)
    : WebApplicationFactory<Program>
{
    private readonly string mailFolder = Directory.CreateTempSubdirectory("emancipay-mail-").FullName;

    public StripeEmulator.StripeEmulator Emulator => Services.GetRequiredService<StripeEmulator.StripeEmulator>();

    public MailFolder Mail => Services.GetRequiredService<MailFolder>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // A build (not a publish) keeps its compressed assets under obj/: outside Development the app finds them only
        // through the build's static web assets manifest, and a browser asking for gzip got an empty 200 without it.
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", provider.ToString());
        builder.UseSetting("ConnectionStrings:EmanciPay", connectionString);
        builder.UseSetting("Hangfire:RunServer", "true");
        builder.UseSetting("Hangfire:QueuePollIntervalSeconds", "1");

        // Never (February 31st): tests seal the ledger when they mean to, so a tampering test never meets a seal it did not expect.
        builder.UseSetting("Ledger:SealCron", "0 0 31 2 *");
        builder.UseSetting("Stripe:EventPollSeconds", "0.2");
        builder.UseSetting("Mail:Folder", mailFolder);
        builder.UseSetting("RateLimits:PledgesPerMinute", "10000");
        builder.UseSetting("RateLimits:SignInsPerMinute", "10000");
        builder.UseSetting("RateLimits:ProofChecksPerMinute", "10000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(CookiesOverPlainHttp);
        if (clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }

        if (testServices is not null)
        {
            builder.ConfigureTestServices(testServices);
        }

        if (!realServer)
        {
            builder.UseSetting("App:BaseUrl", "http://localhost");
            builder.ConfigureTestServices(services =>
            {
                services.AddHttpClient(StripeSettings.HttpClientName).ConfigurePrimaryHttpMessageHandler(TestServerHandler);
                services.AddHttpClient(WebhookDispatcher.HttpClientName).ConfigurePrimaryHttpMessageHandler(TestServerHandler);
            });
        }
    }

    /// <summary>
    /// Outside Development the app marks its cookies Secure, and an HttpClient does not send those back to http://localhost,
    /// the test server's address: so the tests' apps mark them only on HTTPS requests, unless Tests:SecureCookies is set
    /// (SecurityHeaderTests checks the app's own policy that way).
    /// </summary>
    private static void CookiesOverPlainHttp(IServiceCollection services)
    {
        foreach (var scheme in new[] { IdentityConstants.ApplicationScheme, IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme })
        {
            services.AddOptions<CookieAuthenticationOptions>(scheme).PostConfigure<IConfiguration>((options, configuration) =>
            {
                if (!configuration.GetValue<bool>("Tests:SecureCookies"))
                {
                    options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                }
            });
        }

        services.AddOptions<AntiforgeryOptions>().PostConfigure<IConfiguration>((options, configuration) =>
        {
            if (!configuration.GetValue<bool>("Tests:SecureCookies"))
            {
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            }
        });
    }

    private static HttpMessageHandler TestServerHandler(IServiceProvider services) => ((TestServer)services.GetRequiredService<IServer>()).CreateHandler();
}
