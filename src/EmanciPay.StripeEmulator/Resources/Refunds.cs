using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator;

/// <summary>Refunds of a charge, whole or in part: <c>POST /v1/refunds</c>, <c>GET /v1/refunds/{id}</c>.</summary>
public sealed partial class StripeEmulator
{
    internal static readonly Parameters CreateRefundParameters = Parameters.Operation(
        ("charge", Parameters.Value),
        ("payment_intent", Parameters.Value),
        ("amount", Parameters.Value),
        ("reason", Parameters.Value),
        ("metadata", Parameters.Map));

    internal static readonly Parameters RetrieveRefundParameters = Parameters.Operation();

    internal static readonly Parameters ListRefundsParameters = Parameters.Operation(
        [("charge", Parameters.Value), ("payment_intent", Parameters.Value), ("created", ListPage.Created), .. ListPage.PageParameters]);

    /// <summary>Refunds, newest first, as <c>GET /v1/refunds</c>: optionally of one charge or PaymentIntent.</summary>
    public JsonObject ListRefunds(JsonObject p)
    {
        lock (gate)
        {
            var charge = Parameters.Text(p, "charge");
            var intent = Parameters.Text(p, "payment_intent");
            return ListPage.Of(p, "/v1/refunds", NewestFirst("refund"),
                refund => (charge is null || (string?)refund["charge"] == charge)
                    && (intent is null || (string?)refund["payment_intent"] == intent)
                    && ListPage.CreatedWithin(p, (long)refund["created"]!),
                Public);
        }
    }

    public JsonObject CreateRefund(JsonObject p)
    {
        var reason = Parameters.Text(p, "reason");
        if (reason is not (null or "duplicate" or "fraudulent" or "requested_by_customer"))
        {
            throw StripeApiException.Invalid("reason", $"Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer, not '{reason}'.");
        }

        var requested = Parameters.Integer(p, "amount");
        lock (gate)
        {
            var chargeId = Parameters.Text(p, "charge");
            if (chargeId is null && Parameters.Text(p, "payment_intent") is { } intentId)
            {
                chargeId = (string?)Get(intentId, "payment_intent")["latest_charge"]
                    ?? throw new StripeApiException(400, "invalid_request_error", $"This PaymentIntent ({intentId}) does not have a successful charge to refund.", "charge_not_refundable", "payment_intent");
            }

            var charge = Get(chargeId ?? throw StripeApiException.Missing("charge"), "charge");
            var refundable = (long)charge["amount"]! - (long)charge["amount_refunded"]!;
            var amount = requested ?? refundable;
            if (amount <= 0)
            {
                throw StripeApiException.Invalid("amount", "Invalid positive integer");
            }

            if ((string?)charge["status"] != "succeeded" || amount > refundable)
            {
                throw new StripeApiException(400, "invalid_request_error", $"Refund amount ({amount}) is greater than unrefunded amount on charge ({refundable})", "charge_already_refunded", "amount");
            }

            var refund = Store("re", "refund");
            var currency = (string)charge["currency"]!;
            var transaction = BalanceTransaction(-amount, 0, currency, (string)refund["id"]!, "refund", "refund");
            refund["amount"] = amount;
            refund["balance_transaction"] = transaction["id"]!.DeepClone();
            refund["charge"] = chargeId;
            refund["currency"] = currency;
            refund["description"] = null;
            refund["destination_details"] = new JsonObject
            {
                ["card"] = new JsonObject { ["reference_status"] = "pending", ["reference_type"] = "acquirer_reference_number", ["type"] = "refund" },
                ["type"] = "card",
            };
            refund["metadata"] = Parameters.Metadata(p);
            refund["payment_intent"] = charge["payment_intent"]?.DeepClone();
            refund["reason"] = reason;
            refund["receipt_number"] = null;
            refund["source_transfer_reversal"] = null;
            refund["status"] = "succeeded";
            refund["transfer_reversal"] = null;
            charge["amount_refunded"] = (long)charge["amount_refunded"]! + amount;
            charge["refunded"] = (long)charge["amount_refunded"]! == (long)charge["amount"]!;
            Emit("refund.created", refund);
            Emit("charge.refunded", charge);
            return Public(refund);
        }
    }
}
