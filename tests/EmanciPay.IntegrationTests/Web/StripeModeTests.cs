using System.Net;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.IntegrationTests.Support;
using EmanciPay.StripeEmulator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>With a real Stripe key configured, the emulator is not mounted at all and no test-mode banner shows.</summary>
public sealed class StripeModeTests
{
    [Fact]
    public async Task With_a_real_key_the_emulator_is_absent_and_pages_show_no_test_mode_banner()
    {
        var directory = Directory.CreateTempSubdirectory("emancipay-livemode-");
        await using var live = new EmanciPayFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory.FullName, "emancipay.db")}")
            .WithWebHostBuilder(builder => builder
                .UseSetting("Stripe:SecretKey", "sk_test_a_real_account")
                .UseSetting("Stripe:WebhookSigningSecret", "whsec_a_real_endpoint")
                .UseSetting("App:BaseUrl", "https://emancipay.example.org"));
        await using var emulated = new EmanciPayFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory.FullName, "emulated.db")}");

        var liveHome = await live.CreateClient().GetStringAsync("/");
        var liveEmulator = await live.CreateClient().GetAsync("/stripe-emulator/pay/cs_test_anything");
        var emulatedHome = await emulated.CreateClient().GetStringAsync("/");

        Assert.DoesNotContain("Test mode", liveHome, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, liveEmulator.StatusCode);
        Assert.Null(live.Services.GetService<StripeEmulator.StripeEmulator>());
        Assert.Contains("Test mode", emulatedHome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_real_key_without_a_public_address_refuses_to_start()
    {
        var directory = Directory.CreateTempSubdirectory("emancipay-livemode-");
        await using var misconfigured = new EmanciPayFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory.FullName, "emancipay.db")}", realServer: true)
            .WithWebHostBuilder(builder => builder
                .UseSetting("Stripe:SecretKey", "sk_test_a_real_account")
                .UseSetting("Stripe:WebhookSigningSecret", "whsec_a_real_endpoint"));

        var error = Assert.Throws<InvalidOperationException>(() => misconfigured.Server);

        Assert.Contains("App:BaseUrl", error.Message, StringComparison.Ordinal);
    }
}
