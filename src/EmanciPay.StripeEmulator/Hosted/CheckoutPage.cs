using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace EmanciPay.StripeEmulator;

/// <summary>
/// Stripe Checkout's hosted payment page: <c>GET {prefix}/pay/{id}</c> shows the session, <c>POST</c> pays it (or, in
/// setup mode, saves the card) with a test card number and redirects to the success URL, or shows the decline so that
/// another card can be tried.
/// </summary>
internal static class CheckoutPage
{
    public static IResult Show(StripeEmulator emulator, string id) => Render(emulator, id, error: null);

    public static async Task<IResult> PayAsync(HttpContext context, StripeEmulator emulator, string id)
    {
        if (!context.Request.HasFormContentType)
        {
            return ApiCall.Error(StripeApiException.MalformedBody("Send the payment as a form (application/x-www-form-urlencoded)."));
        }

        string card;
        string email;
        try
        {
            var form = FormBody.Parse((await context.Request.ReadFormAsync(context.RequestAborted))
                .Where(f => f.Key is "card_number" or "email")
                .Select(f => new KeyValuePair<string, string>(f.Key, f.Value.ToString())));
            card = Parameters.Text(form, "card_number") ?? "";
            email = Parameters.Text(form, "email") ?? "";
        }
        catch (InvalidDataException unreadable)
        {
            return ApiCall.Error(StripeApiException.MalformedBody($"The payment form could not be read: {unreadable.Message}"));
        }
        catch (StripeApiException refused)
        {
            return ApiCall.Error(refused);
        }

        if (emulator.FindCheckoutSession(id) is null)
        {
            return ApiCall.Error(StripeApiException.NoSuchObject(id, "checkout.session"));
        }

        if (string.IsNullOrWhiteSpace(card))
        {
            return Render(emulator, id, "Enter a card number.");
        }

        var payment = emulator.PayCheckoutSession(id, card, email);
        return payment.Paid ? Results.Redirect(payment.RedirectUrl!, permanent: false, preserveMethod: false) : Render(emulator, id, payment.ErrorMessage);
    }

    private static IResult Render(StripeEmulator emulator, string id, string? error)
    {
        var session = emulator.FindCheckoutSession(id);
        if (session is null)
        {
            return Results.NotFound();
        }

        var setup = (string?)session["mode"] == "setup";
        var formatted = setup ? "" : EmanciPay.Domain.Monetary.MoneyFormat.Format((long)session["amount_total"]!, (string)session["currency"]!);
        var description = WebUtility.HtmlEncode(setup
            ? session["_setup_intent_data"]?["description"]?.GetValue<string>() ?? "Save a card for later payments"
            : session["_line_items"]?[0]?["description"]?.GetValue<string>() ?? "Payment");
        var action = setup ? "Save card" : $"Pay {formatted}";
        var summary = setup ? "<p>Nothing is charged now: the card is saved for later payments.</p>" : $"<p>Amount: <strong>{formatted}</strong></p>";
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
                <button type="submit">{action}</button>
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
              <title>{{action}} · Stripe emulator (test mode)</title>
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
                {{summary}}
                {{form}}
              </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html", Encoding.UTF8);
    }
}
