using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EmanciPay.Infrastructure.Payments;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.IntegrationTests.Support;
using EmanciPay.StripeEmulator;
using EmanciPay.Web.Startup;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>
/// With a real Stripe key configured, the emulator is not mounted at all and no test-mode banner shows. Without one it
/// runs with a key made up for the process, and in Production only when a demo is explicitly asked for.
/// </summary>
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

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("production")]
    [InlineData("Demo")]
    public async Task Outside_development_and_tests_no_stripe_key_refuses_to_start_with_one_line_naming_the_settings(string environment)
    {
        await using var production = Factory($"refused-{environment}").WithWebHostBuilder(builder => builder.UseEnvironment(environment));

        var error = Assert.Throws<InvalidOperationException>(() => production.Server);

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("Stripe:SecretKey", error.Message, StringComparison.Ordinal);
        Assert.Contains(StripeEmulation.InProductionSetting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_production_demo_asked_for_runs_the_emulator_with_a_key_of_its_own_that_refuses_the_old_fixed_one()
    {
        await using var demo = Factory("production-demo").WithWebHostBuilder(builder => builder
            .UseEnvironment("Production")
            .UseSetting(StripeEmulation.InProductionSetting, "true"));
        await using var other = Factory("another-process");

        var home = await demo.CreateClient().GetStringAsync("/");
        var key = demo.Services.GetRequiredService<StripeSettings>().SecretKey;
        var oldFixedKey = await SendAsync(demo.CreateClient(), "sk_test_emulator", HttpMethod.Get, "payment_intents");
        var ownKey = await SendAsync(demo.CreateClient(), key, HttpMethod.Get, "payment_intents");

        Assert.Contains("Test mode", home, StringComparison.Ordinal);
        Assert.StartsWith("sk_test_", key, StringComparison.Ordinal);
        Assert.NotEqual(key, other.Services.GetRequiredService<StripeSettings>().SecretKey);
        Assert.NotEqual(demo.Services.GetRequiredService<StripeSettings>().WebhookSigningSecret, other.Services.GetRequiredService<StripeSettings>().WebhookSigningSecret);
        Assert.Equal(HttpStatusCode.Unauthorized, oldFixedKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownKey.StatusCode);
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)", "https://emancipay.example.org/thanks")]
    [InlineData("https://emancipay.example.org/cancelled", "/relative")]
    public async Task The_mounted_emulator_accepts_only_absolute_http_or_https_return_urls(string cancelUrl, string successUrl)
    {
        await using var app = Factory("urls");
        var client = app.CreateClient();

        var response = await SendAsync(client, app.Services.GetRequiredService<StripeSettings>().SecretKey, HttpMethod.Post, "checkout/sessions", new Dictionary<string, string>
        {
            ["mode"] = "payment",
            ["success_url"] = successUrl,
            ["cancel_url"] = cancelUrl,
            ["line_items[0][price_data][currency]"] = "usd",
            ["line_items[0][price_data][unit_amount]"] = "1000",
        });
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("url_invalid", successUrl.StartsWith('/') ? "success_url" : "cancel_url"), ((string?)error["code"], (string?)error["param"]));
    }

    private static EmanciPayFactory Factory(string name)
    {
        var directory = Directory.CreateTempSubdirectory($"emancipay-{name}-");
        return new EmanciPayFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory.FullName, "emancipay.db")}");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string key, HttpMethod method, string path, Dictionary<string, string>? form = null)
    {
        using var request = new HttpRequestMessage(method, $"{StripeEmulation.Path}/v1/{path}") { Content = form is null ? null : new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return await client.SendAsync(request);
    }
}
