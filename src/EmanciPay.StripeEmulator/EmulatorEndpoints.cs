using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EmanciPay.StripeEmulator;

public static class EmulatorEndpoints
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

    /// <summary>Serves Stripe's REST API under <c>{prefix}/v1</c> and the hosted checkout page under <c>{prefix}/pay</c>.</summary>
    public static RouteGroupBuilder MapStripeEmulator(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var group = endpoints.MapGroup(prefix).ExcludeFromDescription().DisableAntiforgery();
        var api = group.MapGroup("/v1");
        api.MapPost("/customers", (HttpContext c, StripeEmulator e) => ApiAsync(c, e, p => e.CreateCustomer(p)));
        api.MapGet("/customers/{id}", (HttpContext c, StripeEmulator e, string id) => ApiAsync(c, e, p => e.Retrieve(id, "customer", p)));
        api.MapPost("/checkout/sessions", (HttpContext c, StripeEmulator e) => ApiAsync(c, e, p => e.CreateCheckoutSession(p, PublicBase(c, prefix))));
        api.MapGet("/checkout/sessions/{id}", (HttpContext c, StripeEmulator e, string id) => ApiAsync(c, e, p => e.Retrieve(id, "checkout.session", p)));
        api.MapPost("/checkout/sessions/{id}/expire", (HttpContext c, StripeEmulator e, string id) => ApiAsync(c, e, _ => e.ExpireCheckoutSession(id)));
        api.MapPost("/payment_intents", (HttpContext c, StripeEmulator e) => ApiAsync(c, e, p => e.CreatePaymentIntent(p)));
        api.MapGet("/payment_intents", (HttpContext c, StripeEmulator e) => ApiAsync(c, e, p => e.ListPaymentIntents(p)));
        api.MapGet("/payment_intents/{id}", (HttpContext c, StripeEmulator e, string id) => ApiAsync(c, e, p => e.Retrieve(id, "payment_intent", p)));
        api.MapGet("/payment_methods/{id}", (HttpContext c, StripeEmulator e, string id) => ApiAsync(c, e, p => e.Retrieve(id, "payment_method", p)));
        api.MapGet("/charges/{id}", (HttpContext c, StripeEmulator e, string id) => ApiAsync(c, e, p => e.Retrieve(id, "charge", p)));
        api.MapGet("/balance_transactions", (HttpContext c, StripeEmulator e) => ApiAsync(c, e, p => e.ListBalanceTransactions(p)));
        api.MapGet("/balance_transactions/{id}", (HttpContext c, StripeEmulator e, string id) => ApiAsync(c, e, p => e.Retrieve(id, "balance_transaction", p)));
        api.MapPost("/refunds", (HttpContext c, StripeEmulator e) => ApiAsync(c, e, p => e.CreateRefund(p)));
        api.MapGet("/refunds/{id}", (HttpContext c, StripeEmulator e, string id) => ApiAsync(c, e, p => e.Retrieve(id, "refund", p)));
        api.MapGet("/prices/{id}", (HttpContext c, StripeEmulator e, string id) => ApiAsync(c, e, p => e.Retrieve(id, "price", p)));
        api.MapGet("/subscriptions/{id}", (HttpContext c, StripeEmulator e, string id) => ApiAsync(c, e, p => e.Retrieve(id, "subscription", p)));
        api.MapDelete("/subscriptions/{id}", (HttpContext c, StripeEmulator e, string id) => ApiAsync(c, e, _ => e.CancelSubscription(id)));
        api.MapGet("/invoices/{id}", (HttpContext c, StripeEmulator e, string id) => ApiAsync(c, e, p => e.Retrieve(id, "invoice", p)));
        api.MapGet("/events/{id}", (HttpContext c, StripeEmulator e, string id) => ApiAsync(c, e, p => e.Retrieve(id, "event", p)));

        group.MapGet("/pay/{id}", (StripeEmulator e, string id) => CheckoutPage(e, id, error: null));
        group.MapPost("/pay/{id}", async (HttpContext c, StripeEmulator e, string id) =>
        {
            var form = await c.Request.ReadFormAsync();
            var card = form["card_number"].ToString();
            if (string.IsNullOrWhiteSpace(card))
            {
                return CheckoutPage(e, id, "Enter a card number.");
            }

            CheckoutPayment payment;
            try
            {
                payment = e.PayCheckoutSession(id, card);
            }
            catch (StripeApiException)
            {
                return Results.NotFound();
            }

            return payment.Paid ? Results.Redirect(payment.RedirectUrl!, permanent: false, preserveMethod: false) : CheckoutPage(e, id, payment.ErrorMessage);
        });
        return group;
    }

    private static async Task<IResult> ApiAsync(HttpContext context, StripeEmulator emulator, Func<JsonObject, JsonNode> operation)
    {
        var expected = $"Bearer {emulator.Options.ApiKey}";
        if (context.Request.Headers.Authorization.ToString() != expected)
        {
            return Json(401, new StripeApiException(401, "invalid_request_error", "Invalid API Key provided.").ToJson().ToJsonString());
        }

        if (emulator.Faults.Latency > TimeSpan.Zero)
        {
            await Task.Delay(emulator.Faults.Latency);
        }

        // Injected failures happen before the request executes, so, as at Stripe, nothing is saved for its idempotency key.
        if (emulator.Faults.TryTakeFailure(out var status))
        {
            var (type, message) = status == 429 ? ("invalid_request_error", "Too many requests hit the API too quickly.") : ("api_error", "An unexpected error occurred (injected by the emulator).");
            return Json(status, new StripeApiException(status, type, message, status == 429 ? "rate_limit" : null).ToJson().ToJsonString());
        }

        var parameters = await FormBody.ReadAsync(context.Request);
        var key = context.Request.Method == HttpMethods.Post && context.Request.Headers.TryGetValue("Idempotency-Key", out var header) ? header.ToString() : null;
        var fingerprint = $"{context.Request.Method} {context.Request.Path} {parameters.ToJsonString()}";
        var (resultStatus, body, replayed) = emulator.Execute(key, fingerprint, () => operation(parameters));
        if (replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        context.Response.Headers["Request-Id"] = "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return Json(resultStatus, body);
    }

    private static IResult Json(int status, string body) => Results.Text(body, "application/json", Encoding.UTF8, status);

    private static string PublicBase(HttpContext context, string prefix) => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{prefix}";

    private static IResult CheckoutPage(StripeEmulator emulator, string id, string? error)
    {
        var session = emulator.FindCheckoutSession(id);
        if (session is null)
        {
            return Results.NotFound();
        }

        var amount = ((long)session["amount_total"]!).ToString(CultureInfo.InvariantCulture);
        var currency = ((string)session["currency"]!).ToUpperInvariant();
        var interval = session["_line_items"]?[0]?["_price"]?["recurring"]?["interval"]?.GetValue<string>();
        var formatted = $"{decimal.Parse(amount, CultureInfo.InvariantCulture) / 100m:0.00} {currency}" + (interval is null ? "" : $" a {interval}");
        var description = WebUtility.HtmlEncode(session["_line_items"]?[0]?["description"]?.GetValue<string>() ?? "Payment");
        var email = WebUtility.HtmlEncode((string?)session["customer_email"] ?? "");
        var cancel = WebUtility.HtmlEncode((string?)session["cancel_url"] ?? "");
        var open = (string?)session["status"] == "open";
        var errorHtml = error is null ? "" : $"""<p class="error" role="alert" id="card-error">{WebUtility.HtmlEncode(error)}</p>""";
        var form = open
            ? $"""
              <form method="post">
                {errorHtml}
                <label for="email">Email</label>
                <input id="email" name="email" type="email" value="{email}" autocomplete="email">
                <label for="card_number">Card number</label>
                <input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" required {(error is null ? "" : "aria-describedby=\"card-error\" aria-invalid=\"true\"")}>
                <div class="row">
                  <div><label for="expiry">Expiry</label><input id="expiry" name="expiry" placeholder="MM / YY" autocomplete="cc-exp"></div>
                  <div><label for="cvc">CVC</label><input id="cvc" name="cvc" inputmode="numeric" placeholder="123" autocomplete="cc-csc"></div>
                </div>
                <button type="submit">Pay {formatted}</button>
              </form>
              {(cancel.Length > 0 ? $"""<p><a href="{cancel}">Cancel and go back</a></p>""" : "")}
              """
            : "<p>This checkout session is no longer open.</p>";
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Pay {{formatted}} · Stripe emulator (test mode)</title>
              <style>
                body { font-family: system-ui, sans-serif; margin: 0; background: #f6f8fa; color: #1b1f24; }
                main { max-width: 28rem; margin: 2rem auto; background: #fff; padding: 1.5rem; border-radius: 0.5rem; }
                .test { background: #8a4b00; color: #fff; padding: 0.5rem 1rem; text-align: center; margin: 0; }
                label { display: block; font-weight: 600; margin: 0.75rem 0 0.25rem; }
                input { font: inherit; width: 100%; box-sizing: border-box; padding: 0.6rem; border: 1px solid #57606a; border-radius: 0.4rem; }
                .row { display: flex; gap: 1rem; }
                button { font: inherit; margin-top: 1rem; width: 100%; padding: 0.75rem; background: #0b5cad; color: #fff; border: 0; border-radius: 0.4rem; cursor: pointer; }
                .error { color: #b00020; font-weight: 600; }
                a { color: #0b5cad; }
              </style>
            </head>
            <body>
              <p class="test">Test mode: this is EmanciPay's Stripe emulator. No real card is charged.</p>
              <main>
                <h1>{{description}}</h1>
                <p>Amount: <strong>{{formatted}}</strong></p>
                {{form}}
              </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html", Encoding.UTF8);
    }
}
