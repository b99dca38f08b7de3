using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator;

/// <summary>Card payment methods, made from the card typed on the hosted page: <c>GET /v1/payment_methods/{id}</c>.</summary>
public sealed partial class StripeEmulator
{
    internal static readonly Parameters RetrievePaymentMethodParameters = Parameters.Operation();

    private readonly Dictionary<string, string> cardNumbers = new(StringComparer.Ordinal);

    private JsonObject CreateCardPaymentMethod(string cardNumber, string? customerId, string? email)
    {
        var digits = new string(cardNumber.Where(char.IsAsciiDigit).ToArray());
        var brand = digits.StartsWith('5') ? "mastercard" : "visa";
        var method = Store("pm", "payment_method");
        method["allow_redisplay"] = "unspecified";
        method["billing_details"] = BillingDetails(email);
        method["card"] = new JsonObject
        {
            ["brand"] = brand,
            ["checks"] = new JsonObject { ["address_line1_check"] = null, ["address_postal_code_check"] = null, ["cvc_check"] = "pass" },
            ["country"] = "US",
            ["display_brand"] = brand,
            ["exp_month"] = 12L,
            ["exp_year"] = (long)clock.GetUtcNow().Year + 3,
            ["fingerprint"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(digits)))[..16],
            ["funding"] = "credit",
            ["generated_from"] = null,
            ["last4"] = digits.Length >= 4 ? digits[^4..] : digits,
            ["networks"] = new JsonObject { ["available"] = new JsonArray(brand), ["preferred"] = null },
            ["regulated_status"] = "unregulated",
            ["three_d_secure_usage"] = new JsonObject { ["supported"] = true },
            ["wallet"] = null,
        };
        method["customer"] = customerId;
        method["metadata"] = new JsonObject();
        method["type"] = "card";
        cardNumbers[(string)method["id"]!] = digits;
        return method;
    }

    /// <summary>Test control: the card behind a saved payment method now behaves as another test card (say, one that declines), as a real card expires or runs out of funds.</summary>
    public void ChangeCard(string paymentMethodId, string cardNumber)
    {
        lock (gate)
        {
            Get(paymentMethodId, "payment_method");
            cardNumbers[paymentMethodId] = new string(cardNumber.Where(char.IsAsciiDigit).ToArray());
        }
    }

    private static JsonObject BillingDetails(string? email) => new()
    {
        ["address"] = NoAddress(),
        ["email"] = email,
        ["name"] = null,
        ["phone"] = null,
        ["tax_id"] = null,
    };
}
