using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator;

/// <summary>Customers: <c>POST /v1/customers</c>, <c>GET /v1/customers/{id}</c>; Checkout creates one to save a card.</summary>
public sealed partial class StripeEmulator
{
    internal static readonly Parameters CreateCustomerParameters = Parameters.Operation(
        ("email", Parameters.Value),
        ("name", Parameters.Value),
        ("description", Parameters.Value),
        ("phone", Parameters.Value),
        ("metadata", Parameters.Map));

    internal static readonly Parameters RetrieveCustomerParameters = Parameters.Operation();

    public JsonObject CreateCustomer(JsonObject p)
    {
        lock (gate)
        {
            var customer = Store("cus", "customer");
            customer["address"] = null;
            customer["balance"] = 0L;
            customer["currency"] = null;
            customer["default_source"] = null;
            customer["delinquent"] = false;
            customer["description"] = Parameters.Text(p, "description");
            customer["discount"] = null;
            customer["email"] = Parameters.Text(p, "email");
            customer["invoice_prefix"] = ((string)customer["id"]!)[4..12].ToUpperInvariant();
            customer["invoice_settings"] = new JsonObject
            {
                ["custom_fields"] = null,
                ["default_payment_method"] = null,
                ["footer"] = null,
                ["rendering_options"] = null,
            };
            customer["metadata"] = Parameters.Metadata(p);
            customer["name"] = Parameters.Text(p, "name");
            customer["next_invoice_sequence"] = 1L;
            customer["phone"] = Parameters.Text(p, "phone");
            customer["preferred_locales"] = new JsonArray();
            customer["shipping"] = null;
            customer["tax_exempt"] = "none";
            customer["test_clock"] = null;
            return Public(customer);
        }
    }
}
