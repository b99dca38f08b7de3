using EmanciPay.Application.Features.Record;

namespace EmanciPay.Web.Api;

/// <summary>The words and samples of the listener's record (<see cref="RecordApi"/>); a section added to the record adds its row here.</summary>
internal static partial class OpenApiFields
{
    // A method, not a field: it runs while Schemas is initialised, before any field of this file would be.
    private static Dictionary<Type, Schema> RecordSchemas()
    {
        var at = new DateTimeOffset(2026, 3, 1, 14, 30, 0, TimeSpan.Zero);
        var pledgeId = Guid.Parse("0b9a7d43-41d6-4a57-9d0e-3c52f1a6e8b1");
        var paymentId = Guid.Parse("019a3c1e-7b2d-7c4e-8f10-2a3b4c5d6e80");
        const string slug = "The station's slug, such as kexp-fm.";
        const string minor = "in minor units of the currency (cents for usd)";
        var pledge = new ExportMyRecord.PledgeRow(pledgeId, "kexp-fm", "KEXP", "monthly", "active", 1000, 1000, 59, "usd", false, false, "For the morning show", "listener@example.org", at, at, null, at.AddMonths(1), 1, null);
        var payment = new ExportMyRecord.PaymentRow(paymentId, pledgeId, "kexp-fm", "pi_3Nv0dQ2eZvKYlo2C", at, 1000, 59, 941, "usd", at, "none", null, null);
        var refund = new ExportMyRecord.RefundRow(paymentId, "kexp-fm", "refund", 500, "usd", "succeeded", "Pledged twice by mistake", at.AddDays(2), "re_3Nv0dQ2eZvKYlo2C");
        var fallback = new ExportMyRecord.FallbackRow(pledgeId, "kexp-fm", "move", "wnyc-fm", false);
        var basketLine = new ExportMyRecord.BasketLineRow(pledgeId, "kexp-fm", "monthly", 1000, 32, 968);
        var basket = new ExportMyRecord.BasketRow(
            Guid.Parse("019a3c1e-9d2d-7e4e-8f10-4c5d6e7f8091"), new DateOnly(2026, 3, 1), "paid", "usd", 1500, 47, 1453, at, "pi_3Nv0dQ2eZvKYlo2D",
            [basketLine, new ExportMyRecord.BasketLineRow(Guid.Parse("0c8b6e52-52e7-4b68-8e1f-4d63a2b7f9c2"), "wnyc-fm", "per_use", 500, 15, 485)]);
        var term = new ExportMyRecord.TermRow("cc-contact-email", 1, "contact", "Contact me by email only",
            "You may write to me at my email address, never by post: you do not get my postal address.", at);
        var agreement = new ExportMyRecord.AgreementRow(
            Guid.Parse("019a3c1e-6a2d-7b4e-8f10-1a2b3c4d5e6f"), "kexp-fm", at.AddDays(-30), "cc-display-name@1 cc-anonymous@1", true, "3f9a1c2b4d5e6f70",
            "{\"type\":\"emancipay/terms-agreement\",\"agreement\":\"019a3c1e-6a2d-7b4e-8f10-1a2b3c4d5e6f\"}", "MEUCIQC3...");
        var listening = new ExportMyRecord.ListeningRow(Guid.Parse("019a3c1e-8c2d-7d4e-9f10-3b4c5d6e7f80"), "kexp-fm", at, 90, at.AddHours(2));
        return new()
        {
            [typeof(RecordApi.DeleteAccountRequest)] = new(
                "Confirms the deletion of the signed-in account.",
                new RecordApi.DeleteAccountRequest("listener@example.org"),
                new Dictionary<string, string> { ["confirmation"] = "The address the account signs in with, typed again." },
                ["confirmation"]),
            [typeof(ExportMyRecord.ListenerRecord)] = new(
                "Everything the signed-in listener's account holds, one list per kind of record.",
                new ExportMyRecord.ListenerRecord("b3c9d2f4-8e1a-4f6b-9c7d-1a2b3c4d5e6f", "listener@example.org", at, [pledge], [payment], [refund], [fallback], [basket], [term], [agreement], [listening]),
                new Dictionary<string, string>
                {
                    ["listenerId"] = "The account's id.",
                    ["email"] = "The address the account signs in with.",
                    ["exportedAt"] = "When this export was made (ISO 8601).",
                    ["pledges"] = "Every pledge the listener made, oldest first, whatever became of it.",
                    ["payments"] = "Every payment made against those pledges, oldest first.",
                    ["refunds"] = "Every refund of those payments, by finance, Stripe's dashboard or at the end of an unclaimed hold.",
                    ["fallbackChoices"] = "What happens to each gift to a station that has not claimed it if it never does.",
                    ["basketSplits"] = "Every monthly basket of the listener's, oldest first: its one charge and each station's share of it, fee and net.",
                    ["terms"] = "The terms the listener proffers to every station today, by id and version (the defaults until they choose).",
                    ["agreements"] = "The signed agreement in force to the listeners' terms of each station the listener gave to.",
                    ["listening"] = "The listener's own listening log, oldest first.",
                }),
            [typeof(ExportMyRecord.BasketRow)] = new(
                "One month's basket: the listener's giving charged as one payment and split back to the stations.",
                basket,
                new Dictionary<string, string>
                {
                    ["id"] = "The basket's id.",
                    ["period"] = "The first day of the month it charges (ISO 8601 date).",
                    ["status"] = "charging, retrying, paused, paid or rolled_over (below the minimum charge: carried into the next month).",
                    ["currency"] = "The ISO 4217 currency code, lower case.",
                    ["amount"] = $"What the card is charged, {minor}.",
                    ["fee"] = "Stripe's card fee, once paid; each line carries its share.",
                    ["net"] = "What the stations receive together: amount less fee.",
                    ["paidAt"] = "When it was paid; null if not (yet).",
                    ["paymentIntentId"] = "Stripe's PaymentIntent for its latest attempt; null when none was made.",
                    ["lines"] = "Each pledge's part of it: the station's share, fee and net.",
                }),
            [typeof(ExportMyRecord.BasketLineRow)] = new(
                "One pledge's part of a basket.",
                basketLine,
                new Dictionary<string, string>
                {
                    ["pledgeId"] = "The pledge.",
                    ["station"] = slug,
                    ["kind"] = "monthly, per_use (the rate times the hours listened, up to its cap) or one_time.",
                    ["amount"] = $"The station's share of the charge, {minor}.",
                    ["fee"] = "Its share of the card fee, by largest remainder; 0 until paid.",
                    ["net"] = "What the station receives: amount less fee.",
                }),
            [typeof(ExportMyRecord.TermRow)] = new(
                "One term the listener proffers to every station they give to.",
                term,
                new Dictionary<string, string>
                {
                    ["id"] = "The term's stable id in the roster.",
                    ["version"] = "Its version: it goes up whenever its meaning changes.",
                    ["choice"] = "display or contact for a term that is one alternative of a choice; null for a term on its own.",
                    ["title"] = "The term in a few words.",
                    ["text"] = "The plain-language text the listener and the station read.",
                    ["chosenAt"] = "When the listener last chose their terms; null while they proffer the defaults.",
                }),
            [typeof(ExportMyRecord.AgreementRow)] = new(
                "A station's signed agreement to honour the listeners' terms, checkable with the app's public key.",
                agreement,
                new Dictionary<string, string>
                {
                    ["id"] = "The agreement's id.",
                    ["station"] = slug,
                    ["agreedAt"] = "When it was signed (ISO 8601).",
                    ["terms"] = "The terms agreed, as id@version separated by spaces.",
                    ["coversRoster"] = "Whether it covers every term of today's roster at today's version.",
                    ["keyId"] = "Which of the app's keys signed it.",
                    ["payload"] = "The exact signed JSON text.",
                    ["signature"] = "ECDSA P-256 with SHA-256 over the UTF-8 payload, DER, base64: check it with GET /api/v1/terms/public-key.",
                }),
            [typeof(ExportMyRecord.PledgeRow)] = new(
                "One pledge, as the listener made it.",
                pledge,
                new Dictionary<string, string>
                {
                    ["id"] = "The pledge's id.",
                    ["station"] = slug,
                    ["stationName"] = "The station's name.",
                    ["frequency"] = "one_time or monthly.",
                    ["status"] = "pending, active, paid, failed, cancelled or expired.",
                    ["amount"] = $"What was pledged, {minor}.",
                    ["charged"] = "What the card is charged each time: the pledge, plus the fee when the listener covered it.",
                    ["estimatedFee"] = "The card fee quoted before paying.",
                    ["currency"] = "The ISO 4217 currency code, lower case.",
                    ["coverFee"] = "Whether the listener chose to cover the fee.",
                    ["anonymous"] = "Whether the station may not see who gave.",
                    ["message"] = "The listener's message to the station; null when none.",
                    ["email"] = "Where the receipts went.",
                    ["createdAt"] = "When it was made (ISO 8601).",
                    ["paidAt"] = "When it was first paid; null if never.",
                    ["cancelledAt"] = "When a monthly pledge was cancelled; null otherwise.",
                    ["nextChargeAt"] = "When a monthly pledge is next charged; null when nothing more will be.",
                    ["paymentsCount"] = "How many payments were made against it.",
                    ["failureReason"] = "Why its last payment was declined; null otherwise.",
                }),
            [typeof(ExportMyRecord.PaymentRow)] = new(
                "One payment against a pledge, as Stripe settled it.",
                payment,
                new Dictionary<string, string>
                {
                    ["id"] = "The payment's id.",
                    ["pledgeId"] = "The pledge it paid.",
                    ["station"] = slug,
                    ["paymentIntentId"] = "Stripe's PaymentIntent.",
                    ["paidAt"] = "When it was paid (ISO 8601).",
                    ["gross"] = $"What the card was charged, {minor}.",
                    ["fee"] = "Stripe's card fee kept from it.",
                    ["net"] = "What went to the station's escrow: gross less fee.",
                    ["currency"] = "The ISO 4217 currency code, lower case.",
                    ["receiptSentAt"] = "When its receipt was mailed; null if not yet.",
                    ["disposal"] = "none, or what became of it when its station never claimed it: refund or move.",
                    ["movedTo"] = "The slug of the station it was moved to; null otherwise.",
                    ["movedAt"] = "When it was moved; null otherwise.",
                }),
            [typeof(ExportMyRecord.RefundRow)] = new(
                "Money given back to the listener's card.",
                refund,
                new Dictionary<string, string>
                {
                    ["paymentId"] = "The payment refunded.",
                    ["station"] = slug,
                    ["kind"] = "refund (by finance or Stripe's dashboard) or expiry (the station never claimed it in time).",
                    ["amount"] = $"How much, {minor}.",
                    ["currency"] = "The ISO 4217 currency code, lower case.",
                    ["status"] = "pending, succeeded or failed.",
                    ["reason"] = "Why, as finance wrote it; null for an expiry.",
                    ["at"] = "When it went through, or was asked for while pending (ISO 8601).",
                    ["stripeRefundId"] = "Stripe's refund (re_); null until Stripe made it.",
                }),
            [typeof(ExportMyRecord.FallbackRow)] = new(
                "The listener's choice for a gift to a station that has not claimed it.",
                fallback,
                new Dictionary<string, string>
                {
                    ["pledgeId"] = "The pledge.",
                    ["station"] = slug,
                    ["choice"] = "refund (the default) or move.",
                    ["fallbackStation"] = "The slug of the station it moves to; null for a refund.",
                    ["stationDecided"] = "Whether the station has since claimed its escrow or declined, which ends the choice.",
                }),
            [typeof(ExportMyRecord.ListeningRow)] = new(
                "One session of the listener's own listening log.",
                listening,
                new Dictionary<string, string>
                {
                    ["id"] = "The session's id.",
                    ["station"] = slug,
                    ["startedAt"] = "When the listening began (ISO 8601, UTC).",
                    ["minutes"] = "How long it lasted.",
                    ["recordedAt"] = "When it was logged.",
                }),
        };
    }
}
