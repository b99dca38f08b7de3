using EmanciPay.Infrastructure.Payments;
using EmanciPay.StripeEmulator;

namespace EmanciPay.Web.Startup;

/// <summary>
/// With no Stripe key configured, payments go to the Stripe emulator served by this process under
/// <see cref="Path"/>, with a secret key and a webhook signing secret made up for this run, and every page shows a
/// test-mode banner. Anywhere but on a developer's machine (Development) and in the tests (Testing) that would be an
/// open Stripe for anyone who finds it, so there (Production, Staging, any other name) it runs only when
/// <see cref="InProductionSetting"/> says so (a public demo); otherwise the app refuses to start. With a key, the
/// emulator is neither registered nor mounted.
/// </summary>
public static class StripeEmulation
{
    public const string Path = "/stripe-emulator";
    public const string InProductionSetting = "Stripe:UseEmulatorInProduction";

    public static IServiceCollection AddStripeEmulation(this IServiceCollection services, IConfiguration configuration)
    {
        var stripe = configuration.GetSection(StripeOptions.Section).Get<StripeOptions>() ?? new StripeOptions();
        if (StripeSettings.From(stripe) is not null)
        {
            return services;
        }

        var emulator = new StripeEmulatorOptions();
        services.AddSingleton(new StripeSettings(emulator.ApiKey, emulator.WebhookSigningSecret, Path.TrimStart('/'), stripe.MaxNetworkRetries, usesEmulator: true));
        return services.AddStripeEmulator(sp =>
        {
            var app = sp.GetRequiredService<AppBaseAddress>();
            emulator.WebhookEndpoints = () => [app.Resolve("webhooks/stripe")];
            return emulator;
        });
    }

    /// <summary>Mounts the emulator when payments go to it, refusing to outside Development and Testing unless the demo setting is on.</summary>
    public static void MapStripeEmulation(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<StripeSettings>().UsesEmulator)
        {
            return;
        }

        var onlyDevelopers = app.Environment.IsDevelopment() || app.Environment.IsEnvironment("Testing");
        if (!onlyDevelopers && !app.Configuration.GetValue<bool>(InProductionSetting))
        {
            throw new InvalidOperationException(
                $"Stripe:SecretKey is not set, and in {app.Environment.EnvironmentName} the built-in Stripe emulator would be open to anyone: set Stripe:SecretKey and Stripe:WebhookSigningSecret, or {InProductionSetting}=true for a public demo.");
        }

        app.MapStripeEmulator(Path);
    }
}
