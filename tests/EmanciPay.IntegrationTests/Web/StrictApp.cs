using System.Net;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>
/// A second app on the fixture's database, set up as a production host is: low rate limits, one known proxy
/// (<see cref="Proxy"/>), an HTTPS port to redirect to, Secure cookies. The test server has no TCP peer, so each request
/// names its peer in <see cref="PeerHeader"/> (the proxy when absent). The password hasher counts its verifications.
/// Made once per test class that holds it as a class fixture.
/// </summary>
public sealed class StrictApp : IAsyncDisposable
{
    public const string Proxy = "10.0.0.1";
    public const string PeerHeader = "X-Test-Peer";
    public const int SignInsPerMinute = 12;
    public const int PledgesPerMinute = 5;
    public const int ProofChecksPerMinute = 6;

    private WebApplicationFactory<Program>? factory;

    public CountingPasswordHasher Hasher { get; } = new();

    public WebApplicationFactory<Program> Get(AppFixture app) => factory ??= app.Factory.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Hangfire:RunServer", "false");
        builder.UseSetting("RateLimits:SignInsPerMinute", SignInsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:PledgesPerMinute", PledgesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:ProofChecksPerMinute", ProofChecksPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy);
        builder.UseSetting("https_port", "443");
        builder.UseSetting("Tests:SecureCookies", "true");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IPasswordHasher<AppUser>>(Hasher);
            services.AddTransient<IStartupFilter, PeerAddressFromHeader>();
        });
    });

    /// <summary>A client of this app over HTTPS (plain http is redirected), without cookies unless asked.</summary>
    public HttpClient Client(AppFixture app, bool cookies = false) =>
        Get(app).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = cookies, BaseAddress = new Uri("https://localhost") });

    public async ValueTask DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }

    public sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> inner = new();
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private sealed class PeerAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[PeerHeader].FirstOrDefault() ?? Proxy);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
