using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator;

/// <summary>
/// Disputes: a charge paid with Stripe's test card 4000 0000 0000 0259 is disputed at once as fraudulent, and Stripe
/// withdraws the amount and its dispute fee from the platform's balance (<c>charge.dispute.created</c>). A test helper
/// closes it, as the card network would: won gives the amount and fee back, lost keeps them
/// (<c>charge.dispute.closed</c>). <c>GET /v1/disputes/{id}</c>.
/// </summary>
public sealed partial class StripeEmulator
{
    /// <summary>Stripe's dispute fee in the US: $15.</summary>
    public const long DisputeFee = 1500;

    internal static readonly Parameters RetrieveDisputeParameters = Parameters.Operation();

    /// <summary>The test helper: closes an open dispute as won (funds back) or lost; closing it again changes nothing.</summary>
    public JsonObject CloseDispute(string disputeId, bool won)
    {
        lock (gate)
        {
            var dispute = Get(disputeId, "dispute");
            if ((string?)dispute["status"] is "won" or "lost")
            {
                return Public(dispute);
            }

            dispute["status"] = won ? "won" : "lost";
            if (won)
            {
                var currency = (string)dispute["currency"]!;
                var amount = (long)dispute["amount"]!;
                var reinstated = BalanceTransaction(amount, -DisputeFee, currency, disputeId, "adjustment", "dispute_reversal");
                ((JsonArray)dispute["balance_transactions"]!).Add(Public(reinstated));
            }

            if (won)
            {
                Emit("charge.dispute.funds_reinstated", dispute);
            }

            Emit("charge.dispute.closed", dispute);
            return Public(dispute);
        }
    }

    /// <summary>The disputes of a charge, oldest first (the emulator opens at most one).</summary>
    public IReadOnlyList<JsonObject> DisputesOf(string chargeId)
    {
        lock (gate)
        {
            return NewestFirst("dispute").Where(d => (string?)d["charge"] == chargeId).Reverse().Select(Public).ToList();
        }
    }

    private void OpenDispute(JsonObject charge)
    {
        var dispute = Store("dp", "dispute");
        var amount = (long)charge["amount"]!;
        var currency = (string)charge["currency"]!;
        var withdrawn = BalanceTransaction(-amount, DisputeFee, currency, (string)dispute["id"]!, "adjustment", "dispute");
        withdrawn["fee_details"] = new JsonArray(new JsonObject { ["amount"] = DisputeFee, ["application"] = null, ["currency"] = currency, ["description"] = "Dispute fee", ["type"] = "stripe_fee" });
        dispute["amount"] = amount;
        dispute["balance_transactions"] = new JsonArray(Public(withdrawn));
        dispute["charge"] = charge["id"]!.DeepClone();
        dispute["currency"] = currency;
        dispute["evidence"] = new JsonObject
        {
            ["access_activity_log"] = null, ["billing_address"] = null, ["cancellation_policy"] = null, ["cancellation_policy_disclosure"] = null,
            ["cancellation_rebuttal"] = null, ["customer_communication"] = null, ["customer_email_address"] = null, ["customer_name"] = null,
            ["customer_purchase_ip"] = null, ["customer_signature"] = null, ["duplicate_charge_documentation"] = null, ["duplicate_charge_explanation"] = null,
            ["duplicate_charge_id"] = null, ["product_description"] = null, ["receipt"] = null, ["refund_policy"] = null, ["refund_policy_disclosure"] = null,
            ["refund_refusal_explanation"] = null, ["service_date"] = null, ["service_documentation"] = null, ["shipping_address"] = null,
            ["shipping_carrier"] = null, ["shipping_date"] = null, ["shipping_documentation"] = null, ["shipping_tracking_number"] = null,
            ["uncategorized_file"] = null, ["uncategorized_text"] = null, ["enhanced_evidence"] = new JsonObject(),
        };
        dispute["evidence_details"] = new JsonObject
        {
            ["due_by"] = Now() + (7 * 86_400), ["has_evidence"] = false, ["past_due"] = false, ["submission_count"] = 0, ["enhanced_eligibility"] = new JsonObject(),
        };
        dispute["is_charge_refundable"] = false;
        dispute["metadata"] = new JsonObject();
        dispute["payment_intent"] = charge["payment_intent"]?.DeepClone();
        dispute["payment_method_details"] = new JsonObject
        {
            ["card"] = new JsonObject { ["brand"] = "visa", ["case_type"] = "chargeback", ["network_reason_code"] = "10.4", ["network"] = "visa" },
            ["type"] = "card",
        };
        dispute["reason"] = "fraudulent";
        dispute["status"] = "needs_response";
        dispute["enhanced_eligibility_types"] = new JsonArray();
        charge["disputed"] = true;
        Emit("charge.dispute.created", dispute);
        Emit("charge.dispute.funds_withdrawn", dispute);
    }
}
