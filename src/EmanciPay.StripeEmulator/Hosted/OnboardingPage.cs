using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace EmanciPay.StripeEmulator;

/// <summary>
/// Stripe Connect's hosted onboarding for an Express account: <c>GET {prefix}/connect/{token}</c> opens an account link
/// (once) and shows a form filled with Stripe's test data; <c>POST</c> completes onboarding, or leaves with the bank
/// account and terms still due, and redirects to the link's return URL. A used or expired link shows a page that
/// sends the manager to the link's refresh URL.
/// </summary>
internal static class OnboardingPage
{
    private static readonly string[] Fields = ["form_key", "action", "business_type", "first_name", "last_name", "email", "phone", "dob", "line1", "city", "state", "postal_code", "ssn_last_4", "routing_number", "account_number", "accept_tos"];

    public static IResult Show(StripeEmulator emulator, string token)
    {
        var visit = emulator.OpenAccountLink(token, out var refreshUrl);
        return visit is null ? Expired(refreshUrl) : Render(visit, error: null, Defaults(visit));
    }

    public static async Task<IResult> SubmitAsync(HttpContext context, StripeEmulator emulator, string token)
    {
        if (!context.Request.HasFormContentType)
        {
            return ApiCall.Error(StripeApiException.MalformedBody("Send the onboarding form as a form (application/x-www-form-urlencoded)."));
        }

        Dictionary<string, string> form;
        try
        {
            var read = await context.Request.ReadFormAsync(context.RequestAborted);
            form = Fields.ToDictionary(f => f, f => read[f].ToString().Trim(), StringComparer.Ordinal);
        }
        catch (InvalidDataException unreadable)
        {
            return ApiCall.Error(StripeApiException.MalformedBody($"The onboarding form could not be read: {unreadable.Message}"));
        }

        var visit = emulator.FindOnboardingVisit(token, form["form_key"], out var refreshUrl);
        if (visit is null)
        {
            return Expired(refreshUrl);
        }

        var complete = form["action"] != "later";
        if (complete)
        {
            var missing = new[] { ("first_name", "first name"), ("last_name", "last name"), ("routing_number", "routing number"), ("account_number", "account number") }
                .Where(f => form[f.Item1].Length == 0).Select(f => f.Item2).ToList();
            if (form["accept_tos"] != "on")
            {
                missing.Add("acceptance of the Stripe Connected Account Agreement");
            }

            if (missing.Count > 0)
            {
                return Render(visit, $"To complete onboarding, fill in: {string.Join(", ", missing)}.", form);
            }
        }

        var businessType = form["business_type"] is "individual" or "non_profit" or "company" ? form["business_type"] : null;
        var returnUrl = emulator.SubmitOnboarding(token, new OnboardingForm(visit.FormKey, complete, businessType, context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString()), out refreshUrl);
        return returnUrl is null ? Expired(refreshUrl) : Results.Redirect(returnUrl, permanent: false, preserveMethod: false);
    }

    // Stripe's test-mode values, so that "Complete onboarding" works with one click.
    private static Dictionary<string, string> Defaults(OnboardingVisit visit) => new(StringComparer.Ordinal)
    {
        ["business_type"] = "non_profit", ["first_name"] = "Jenny", ["last_name"] = "Rosen", ["email"] = visit.Email ?? "jenny.rosen@example.com",
        ["phone"] = "000 000 0000", ["dob"] = "1901-01-01", ["line1"] = "address_full_match", ["city"] = "Jersey City", ["state"] = "NJ",
        ["postal_code"] = "07302", ["ssn_last_4"] = "0000", ["routing_number"] = "110000000", ["account_number"] = "000123456789", ["accept_tos"] = "",
    };

    private static IResult Render(OnboardingVisit visit, string? error, IReadOnlyDictionary<string, string> values)
    {
        string V(string name) => WebUtility.HtmlEncode(values.GetValueOrDefault(name) ?? "");
        string Input(string name, string label, string type = "text", string autocomplete = "off") =>
            $"""<label for="{name}">{label}</label><input id="{name}" name="{name}" type="{type}" value="{V(name)}" autocomplete="{autocomplete}">""";
        string Option(string value, string label) => $"""<option value="{value}"{(values.GetValueOrDefault("business_type") == value ? " selected" : "")}>{label}</option>""";
        var name = WebUtility.HtmlEncode(visit.BusinessName ?? visit.AccountId);
        var errorHtml = error is null ? "" : $"""<p class="error" role="alert" id="form-error">{WebUtility.HtmlEncode(error)}</p>""";
        var body = $"""
            <h1>Set up payouts for {name}</h1>
            <p>Stripe collects these details so that {name} can receive transfers. Every field is filled with Stripe's test data.</p>
            <form method="post">
              {errorHtml}
              <input type="hidden" name="form_key" value="{WebUtility.HtmlEncode(visit.FormKey)}">
              <label for="business_type">Type of business</label>
              <select id="business_type" name="business_type">{Option("non_profit", "Non-profit organization")}{Option("individual", "Individual")}{Option("company", "Company")}</select>
              <fieldset><legend>Representative</legend>
                {Input("first_name", "First name", autocomplete: "given-name")}{Input("last_name", "Last name", autocomplete: "family-name")}
                {Input("email", "Email", "email", "email")}{Input("phone", "Phone", "tel", "tel")}{Input("dob", "Date of birth", "date", "bday")}
                {Input("line1", "Address", autocomplete: "address-line1")}{Input("city", "City", autocomplete: "address-level2")}
                {Input("state", "State", autocomplete: "address-level1")}{Input("postal_code", "ZIP code", autocomplete: "postal-code")}
                {Input("ssn_last_4", "Last 4 digits of SSN")}
              </fieldset>
              <fieldset><legend>Bank account for payouts</legend>
                {Input("routing_number", "Routing number")}{Input("account_number", "Account number")}
              </fieldset>
              <p><input id="accept_tos" name="accept_tos" type="checkbox"{(values.GetValueOrDefault("accept_tos") == "on" ? " checked" : "")}>
                <label for="accept_tos" class="inline">I accept the Stripe Connected Account Agreement</label></p>
              <button type="submit" name="action" value="complete">Complete onboarding</button>
              <button type="submit" name="action" value="later" class="secondary">Save and finish later</button>
            </form>
            """;
        return Page($"Onboarding for {name}", body);
    }

    private static IResult Expired(string? refreshUrl)
    {
        var next = refreshUrl is null
            ? "<p>Ask the platform for a new link.</p>"
            : $"""<p><a href="{WebUtility.HtmlEncode(refreshUrl)}">Get a new onboarding link</a></p>""";
        return Page("This onboarding link has expired", $"""
            <h1>This onboarding link has expired</h1>
            <p>An onboarding link works once and for five minutes. This one has been used or is too old.</p>
            {next}
            """);
    }

    private static IResult Page(string title, string body) => Results.Content($$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{{title}} · Stripe emulator (test mode)</title>
          <style>
            body { font-family: system-ui, sans-serif; margin: 0; background: #f6f8fa; color: #1b1f24; }
            main { max-width: 32rem; margin: 2rem auto; background: #fff; padding: 1.5rem; border-radius: 0.5rem; }
            .test { background: #8a4b00; color: #fff; padding: 0.5rem 1rem; text-align: center; margin: 0; }
            label { display: block; font-weight: 600; margin: 0.75rem 0 0.25rem; }
            label.inline { display: inline; }
            input:not([type=checkbox]), select { font: inherit; width: 100%; box-sizing: border-box; padding: 0.6rem; border: 1px solid #57606a; border-radius: 0.4rem; }
            fieldset { border: 1px solid #d0d7de; border-radius: 0.4rem; margin: 1rem 0; }
            button { font: inherit; margin-top: 1rem; width: 100%; padding: 0.75rem; background: #0b5cad; color: #fff; border: 0; border-radius: 0.4rem; cursor: pointer; }
            button.secondary { background: #fff; color: #0b5cad; border: 1px solid #0b5cad; }
            .error { color: #b00020; font-weight: 600; }
            a { color: #0b5cad; }
          </style>
        </head>
        <body>
          <p class="test">Test mode: this is EmanciPay's Stripe emulator. Nothing entered here is sent to Stripe.</p>
          <main>
            {{body}}
          </main>
        </body>
        </html>
        """, "text/html", Encoding.UTF8);
}
