using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EmanciPay.StripeEmulator;

public static class StripeEmulatorEndpoints
{
    /// <summary>Adds the emulator's state, its webhook delivery and the HTTP client that delivery uses.</summary>
    public static IServiceCollection AddStripeEmulator(this IServiceCollection services, StripeEmulatorOptions options) =>
        services.AddStripeEmulator(_ => options);

    /// <summary>As above, with options made from the container (for endpoints known only once the app listens).</summary>
    public static IServiceCollection AddStripeEmulator(this IServiceCollection services, Func<IServiceProvider, StripeEmulatorOptions> options)
    {
        services.AddSingleton(options);
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddSingleton<StripeEmulator>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName);
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// Serves the part of Stripe's REST API that EmanciPay calls under <c>{prefix}/v1</c>, the hosted checkout page
    /// under <c>{prefix}/pay</c> and the hosted Connect onboarding page under <c>{prefix}/connect</c>.
    /// </summary>
    public static RouteGroupBuilder MapStripeEmulator(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var group = endpoints.MapGroup(prefix).ExcludeFromDescription().DisableAntiforgery();
        var api = group.MapGroup("/v1");
        Post(api, "/customers", StripeEmulator.CreateCustomerParameters, (e, _, p) => e.CreateCustomer(p));
        Get(api, "/customers/{id}", StripeEmulator.RetrieveCustomerParameters, (e, id, p) => e.Retrieve(id!, "customer", p));
        api.MapPost("/checkout/sessions", (HttpContext c, StripeEmulator e) =>
            ApiCall.RunAsync(c, e, StripeEmulator.CreateCheckoutSessionParameters, p => e.CreateCheckoutSession(p, $"{c.Request.Scheme}://{c.Request.Host}{c.Request.PathBase}{prefix}")));
        Get(api, "/checkout/sessions/{id}", StripeEmulator.RetrieveCheckoutSessionParameters, (e, id, p) => e.Retrieve(id!, "checkout.session", p));
        Post(api, "/checkout/sessions/{id}/expire", StripeEmulator.RetrieveCheckoutSessionParameters, (e, id, _) => e.ExpireCheckoutSession(id!));
        Post(api, "/payment_intents", StripeEmulator.CreatePaymentIntentParameters, (e, _, p) => e.CreatePaymentIntent(p));
        Get(api, "/payment_intents", StripeEmulator.ListPaymentIntentsParameters, (e, _, p) => e.ListPaymentIntents(p));
        Get(api, "/payment_intents/{id}", StripeEmulator.RetrievePaymentIntentParameters, (e, id, p) => e.Retrieve(id!, "payment_intent", p));
        Get(api, "/setup_intents/{id}", StripeEmulator.RetrieveSetupIntentParameters, (e, id, p) => e.Retrieve(id!, "setup_intent", p));
        Get(api, "/payment_methods/{id}", StripeEmulator.RetrievePaymentMethodParameters, (e, id, p) => e.Retrieve(id!, "payment_method", p));
        Get(api, "/charges/{id}", StripeEmulator.RetrieveChargeParameters, (e, id, p) => e.Retrieve(id!, "charge", p));
        Get(api, "/balance_transactions", StripeEmulator.ListBalanceTransactionsParameters, (e, _, p) => e.ListBalanceTransactions(p));
        Get(api, "/balance_transactions/{id}", StripeEmulator.RetrieveBalanceTransactionParameters, (e, id, p) => e.Retrieve(id!, "balance_transaction", p));
        Post(api, "/refunds", StripeEmulator.CreateRefundParameters, (e, _, p) => e.CreateRefund(p));
        Get(api, "/refunds", StripeEmulator.ListRefundsParameters, (e, _, p) => e.ListRefunds(p));
        Get(api, "/refunds/{id}", StripeEmulator.RetrieveRefundParameters, (e, id, p) => e.Retrieve(id!, "refund", p));
        Get(api, "/disputes/{id}", StripeEmulator.RetrieveDisputeParameters, (e, id, p) => e.Retrieve(id!, "dispute", p));
        api.MapPost("/payouts", (HttpContext c, StripeEmulator e) => ApiCall.RunAsync(c, e, StripeEmulator.CreatePayoutParameters, p => e.CreatePayout(p, StripeAccount(c))));
        Get(api, "/payouts/{id}", StripeEmulator.RetrievePayoutParameters, (e, id, p) => e.Retrieve(id!, "payout", p));
        api.MapGet("/balance", (HttpContext c, StripeEmulator e) => ApiCall.RunAsync(c, e, StripeEmulator.RetrieveBalanceParameters, _ => e.Balance(StripeAccount(c))));
        Get(api, "/events/{id}", StripeEmulator.RetrieveEventParameters, (e, id, p) => e.Retrieve(id!, "event", p));
        api.MapPost("/reporting/report_runs", (HttpContext c, StripeEmulator e) =>
            ApiCall.RunAsync(c, e, StripeEmulator.CreateReportRunParameters, p => e.CreateReportRun(p, $"{c.Request.Scheme}://{c.Request.Host}{c.Request.PathBase}{prefix}")));
        Get(api, "/reporting/report_runs/{id}", StripeEmulator.RetrieveReportRunParameters, (e, id, _) => e.RetrieveReportRun(id!));
        api.MapGet("/files/{id}/contents", (HttpContext c, StripeEmulator e, string id) => ApiCall.File(c, e, id));
        MapConnect(group, api, prefix);
        api.Map("/{**path}", (HttpContext c) => ApiCall.Error(
            new StripeApiException(404, "invalid_request_error", $"Unrecognized request URL ({c.Request.Method}: {c.Request.Path}). The Stripe emulator serves only the calls EmanciPay makes.")));

        group.MapGet("/pay/{id}", (StripeEmulator e, string id) => CheckoutPage.Show(e, id));
        group.MapPost("/pay/{id}", (HttpContext c, StripeEmulator e, string id) => CheckoutPage.PayAsync(c, e, id));
        return group;
    }

    // Connect: Express accounts, account links to the hosted onboarding page, transfers and their reversals.
    private static void MapConnect(RouteGroupBuilder group, RouteGroupBuilder api, string prefix)
    {
        Post(api, "/accounts", StripeEmulator.CreateAccountParameters, (e, _, p) => e.CreateAccount(p));
        Get(api, "/accounts", StripeEmulator.ListAccountsParameters, (e, _, p) => e.ListAccounts(p));
        Get(api, "/accounts/{id}", StripeEmulator.RetrieveAccountParameters, (e, id, p) => e.Retrieve(id!, "account", p));
        api.MapPost("/account_links", (HttpContext c, StripeEmulator e) =>
            ApiCall.RunAsync(c, e, StripeEmulator.CreateAccountLinkParameters, p => e.CreateAccountLink(p, $"{c.Request.Scheme}://{c.Request.Host}{c.Request.PathBase}{prefix}")));
        Post(api, "/transfers", StripeEmulator.CreateTransferParameters, (e, _, p) => e.CreateTransfer(p));
        Get(api, "/transfers", StripeEmulator.ListTransfersParameters, (e, _, p) => e.ListTransfers(p));
        Get(api, "/transfers/{id}", StripeEmulator.RetrieveTransferParameters, (e, id, p) => e.Retrieve(id!, "transfer", p));
        Post(api, "/transfers/{id}/reversals", StripeEmulator.CreateTransferReversalParameters, (e, id, p) => e.CreateTransferReversal(id!, p));
        group.MapGet("/connect/{token}", (StripeEmulator e, string token) => OnboardingPage.Show(e, token));
        group.MapPost("/connect/{token}", (HttpContext c, StripeEmulator e, string token) => OnboardingPage.SubmitAsync(c, e, token));
    }

    // Stripe's Connect header: the request acts as the connected account it names.
    private static string? StripeAccount(HttpContext context) =>
        context.Request.Headers.TryGetValue("Stripe-Account", out var account) && account.ToString().Length > 0 ? account.ToString() : null;

    private static void Post(RouteGroupBuilder api, string pattern, Parameters accepted, Func<StripeEmulator, string?, JsonObject, JsonNode> operation) =>
        api.MapPost(pattern, (HttpContext c, StripeEmulator e) => ApiCall.RunAsync(c, e, accepted, p => operation(e, c.GetRouteValue("id") as string, p)));

    private static void Get(RouteGroupBuilder api, string pattern, Parameters accepted, Func<StripeEmulator, string?, JsonObject, JsonNode> operation) =>
        api.MapGet(pattern, (HttpContext c, StripeEmulator e) => ApiCall.RunAsync(c, e, accepted, p => operation(e, c.GetRouteValue("id") as string, p)));
}
