using EmanciPay.Application.Features.Baskets;
using EmanciPay.Domain.Baskets;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmanciPay.Application.Features.Connect;
using EmanciPay.Application.Features.Claims;
using EmanciPay.Application.Features.Finance;
using EmanciPay.Application.Features.Listening;
using EmanciPay.Application.Features.Payouts;
using EmanciPay.Application.Features.Pledges;
using EmanciPay.Application.Features.Portal;
using EmanciPay.Application.Features.Proofs;
using EmanciPay.Application.Features.Reconciliation;
using EmanciPay.Application.Features.Refunds;
using EmanciPay.Application.Features.Stations;
using EmanciPay.Application.Features.Terms;
using EmanciPay.Application.Features.Profile;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Payouts;
using EmanciPay.Domain.Pledges;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace EmanciPay.Web.Api;

/// <summary>
/// What each field of the API means, with a sample of every schema: the example of a schema is its sample serialized
/// as the API serializes it, and each plain field's example is read from there, so an example is a value the API
/// really sends or accepts. Identity's records are not ours to annotate, which is why the words live here and not on
/// the types. A schema missing here, or a field without words, fails OpenApiDocumentTests.
/// </summary>
internal static partial class OpenApiFields
{
    private static readonly DateTimeOffset SampleTime = new(2026, 3, 1, 14, 30, 0, TimeSpan.Zero);
    private static readonly Guid SamplePledge = Guid.Parse("0b9a7d43-41d6-4a57-9d0e-3c52f1a6e8b1");
    private static readonly SearchStations.Station SampleStation = new("kexp-fm", "KEXP", "KEXP-FM", "90.3 FM", "Seattle", "WA", "https://www.kexp.org", false);
    private static readonly PayoutView SamplePayout = new(Guid.Parse("019a3c1e-7b2d-7c4e-8f10-2a3b4c5d6e7f"), 94100, "usd", "paid", SampleTime, false, SampleTime.AddMinutes(1), null, "tr_1Nv0dQ2eZvKYlo2C");
    private static readonly GetMyGiving.PaymentRow SamplePayment = new(SampleTime, 1000, 59, 941, null);
    private static readonly Guid SampleStationId = Guid.Parse("01937c1e-5a2b-7c3d-8e4f-5a6b7c8d9e0f");
    private static readonly GetPortal.Escrow SamplePortalEscrow = new("usd", 94100, 25000, 150000);
    private static readonly GetPortal.Connect SampleConnect = new(true, false, true, ["external_account"], "requirements.past_due");
    private static readonly GetStationStatement.Line SampleStatementLine = new(SampleTime, Guid.Parse("01937c1e-6b3c-7d4e-9f50-6b7c8d9e0f1a"), "payment", "usd", 1000, 94100, new GetStationStatement.Supporter(false, "Ada Listener", "listener@example.org", "For the morning show"));

    private static readonly GetMyBasket.Split SampleSplit = new(
        "usd", 1500, 74, 1426,
        [new GetMyBasket.LineView(SamplePledge, "kexp-fm", "KEXP", BasketLineKind.Monthly, 1000, 49, 951), new GetMyBasket.LineView(SamplePledge, "wnyc-fm", "WNYC", BasketLineKind.PerUse, 500, 25, 475)]);

    private static readonly GetMyBasket.BasketView SampleBasket = new(
        Guid.Parse("019a3c1e-8c2d-7d4e-9f10-3b4c5d6e7f81"), new DateOnly(2026, 3, 1), SampleTime.AddMonths(1), BasketStatus.Paid, 1, null, null, SampleSplit);

    private static readonly GetMyBasket.PausedPledge SamplePaused = new(SamplePledge, "kexp-fm", "KEXP", BasketLineKind.Monthly, 1000, "usd", SampleTime);

    private static readonly GetMyListening.Session SampleListening = new(Guid.Parse("019a3c1e-8c2d-7d4e-9f10-3b4c5d6e7f80"), "kexp-fm", "KEXP", SampleTime, 90, true);
    private static readonly GetTrialBalance.Currency SampleTrialBalance = new("usd", [new GetTrialBalance.Line("stripe:balance", "asset", null, null, 100000, 0), new GetTrialBalance.Line("fees:processing", "expense", null, null, 5900, 0), new GetTrialBalance.Line("escrow:01937c1e5a2b7c3d8e4f5a6b7c8d9e0f", "liability", "kexp-fm", "KEXP", 0, 105900)], 105900, 105900, true);
    private static readonly GetEscrowStatement.Line SampleEscrowLine = new(SampleTime, Guid.Parse("01937c1e-6b3c-7d4e-9f50-6b7c8d9e0f1a"), "payment", "pi_3Nv0dQ2eZvKYlo2C", "Payment pi_3Nv0dQ2eZvKYlo2C", "usd", 1000, 94100);
    private static readonly DiscrepancyView SampleDiscrepancy = new(Guid.Parse("019a3c1e-8c3d-7e5f-9a01-3b4c5d6e7f80"), "pi_3Nv0dQ2eZvKYlo2C", "fee_differs", "charge", "usd", 1000, 1000, 59, 60, SampleTime, "open", null, null, null, null);

    private static readonly GetTermsRoster.TermView SampleTerm = GetTermsRoster.ViewOf(EmanciPay.Domain.Terms.TermRoster.ContactByEmailOnly);
    private static readonly AgreementPayload.Content SampleAgreementContent = new(AgreementPayload.Type, Guid.Parse("019a3c1e-9d4e-7f60-8a12-4c5d6e7f8091"), new AgreementPayload.StationRef(SampleStationId, "kexp-fm", "KEXP"), "b3c9d2f4-8e1a-4f6b-9c7d-1a2b3c4d5e6f", [new AgreementPayload.TermRef("cc-display-name", 1), new AgreementPayload.TermRef("cc-anonymous", 1)], SampleTime, "3f2a9c0d1e4b5a6f");
    private static readonly string SampleAgreementPayload = JsonSerializer.Serialize(SampleAgreementContent);
    private const string SampleSignature = "MEUCIQDx3b0mZk2vQ7t6z0W1yH9c8n4sX5p6a7b8c9d0e1f2gwIgV3q9r8s7t6u5v4w3x2y1z0a9b8c7d6e5f4g3h2i1j0k=";
    private const string SampleKeyId = "3f2a9c0d1e4b5a6f";

    private static readonly Guid SampleClaim = Guid.Parse("0195a3c4-7d2e-7b1a-9c3d-4e5f6a7b8c9d");
    private const string ClaimStatusWords = "awaiting_email until the link mailed to the address is followed, then pending until an admin decides: approved or rejected.";
    private const string MinorUnits = "in minor units of the currency (cents for usd)";
    private const string Slug = "The station's slug, its address in /api/v1/stations/{slug}: lower-case call sign, such as kexp-fm.";

    /// <summary>The words and sample of one schema; <see cref="Required"/> replaces the generated list for request bodies, whose nullable fields only exist to name a missing one in a 400.</summary>
    public sealed record Schema(string Description, object Sample, IReadOnlyDictionary<string, string> Fields, IReadOnlyList<string>? Required = null);

    /// <summary>Query, route and header parameters by name: what they mean and a value to try.</summary>
    public static readonly IReadOnlyDictionary<string, (string Description, object Example)> Parameters = new Dictionary<string, (string, object)>
    {
        ["q"] = ("Words to find in a station's name, call sign, city or state; empty lists every station.", "seattle"),
        ["page"] = ("The page of results, from 1; 20 stations a page.", 1),
        ["slug"] = (Slug, "kexp-fm"),
        ["id"] = ("The id of the claim, payout, payment, reconciliation, discrepancy or proof the path names, as its list gives it.", "019a3c1e-7b2d-7c4e-8f10-2a3b4c5d6e7f"),
        ["Idempotency-Key"] = ("A key of 1 to 200 characters the client makes for this pledge (a UUID will do). A retry with the same key and body gets the first response again, so a pledge is never made twice.", "6f1c2e0a-5b7d-4c1e-9a8f-2d3b4c5d6e7f"),
        ["useCookies"] = ("true: sign in with the site's cookie instead of returning tokens.", false),
        ["useSessionCookies"] = ("true: like useCookies, with a cookie that ends with the browser session.", false),
        ["userId"] = ("The account, from the link in the confirmation mail.", "b3c9d2f4-8e1a-4f6b-9c7d-1a2b3c4d5e6f"),
        ["code"] = ("The confirmation code, from the link in the mail.", "Q2ZESjhBTUFBQUFBQUFB"),
        ["changedEmail"] = ("The new address being confirmed, when the link confirms a change of email.", "listener@example.org"),
        ["from"] = ("The first day (UTC, yyyy-mm-dd) of the statement; empty for no limit.", "2026-01-01"),
        ["to"] = ("The last day (UTC, yyyy-mm-dd) of the statement, included; empty for no limit.", "2026-12-31"),
        ["cursor"] = ("The nextCursor of the page before; empty for the newest page.", "MTIzNDU2Nzg5MC4wMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZi4w"),
        ["at"] = ("The UTC day (yyyy-mm-dd) whose end the balances are at; today when empty.", "2026-03-31"),
        ["token"] = ("The proof's token: the last segment of its link, 43 characters of base64url.", "Xq3t0dM1yG8bq2Jf5n0yH7cW4kP9sL6eR1aB2cD3eF4"),
        ["status"] = ("Which claims: awaiting_email, pending (the default: confirmed, waiting for an admin), approved or rejected.", "pending"),
    };

    public static readonly IReadOnlyDictionary<Type, Schema> Schemas = new Dictionary<Type, Schema>(RecordSchemas())
    {
        [typeof(PledgesApi.PledgeRequest)] = new(
            "A pledge to make. Guests give an email for the receipt; a signed-in listener's account email is used instead.",
            new PledgesApi.PledgeRequest("kexp-fm", 1000, "usd", PledgeFrequency.OneTime, "listener@example.org", "For the morning show", false, true),
            new Dictionary<string, string>
            {
                ["station"] = Slug,
                ["amount"] = $"What the station should get, {MinorUnits}, within the configured minimum and maximum (100 to 1,000,000 by default).",
                ["currency"] = "Lower-case ISO 4217 code, as at Stripe, and one the app accepts (usd by default).",
                ["frequency"] = "one_time, or monthly (monthly needs a signed-in listener, who can cancel it).",
                ["email"] = "Where the receipt goes; required for guests, ignored for a signed-in listener.",
                ["message"] = "A note to the station, at most 500 characters; optional.",
                ["anonymous"] = "true: the station is not told who gave. false by default.",
                ["coverFee"] = "true: the listener also pays Stripe's fee, so the station gets the whole amount. false by default.",
                ["fallback"] = "Only for a station that has not claimed its escrow: the slug of a station that has, which receives the money if the first has not claimed it by the deadline. Omitted or null: a refund.",
            },
            ["station", "amount", "currency", "frequency"]),
        [typeof(PledgesApi.FallbackRequest)] = new(
            "What happens to the pledge's money if its station has not claimed it by the deadline.",
            new PledgesApi.FallbackRequest("wnyc-fm"),
            new Dictionary<string, string>
            {
                ["station"] = "The slug of a station that has claimed its escrow, to receive the money instead; null for a refund to the card.",
            }),
        [typeof(BasketApi.PerUseRequest)] = new(
            "A per-use pledge: a rate per hour listened, up to a cap a month.",
            new BasketApi.PerUseRequest("kexp-fm", 10, 1000, "usd"),
            new Dictionary<string, string>
            {
                ["station"] = Slug,
                ["ratePerHour"] = $"What an hour of listening gives, {MinorUnits}, from 1 to 10000.",
                ["monthlyCap"] = $"The most it gives in a month, {MinorUnits}.",
                ["currency"] = "ISO 4217 code, lower case.",
                ["anonymous"] = "The station never sees who gave.",
            },
            ["station", "ratePerHour", "monthlyCap", "currency"]),
        [typeof(BasketApi.GiftRequest)] = new(
            "A one-time gift charged with the next basket.",
            new BasketApi.GiftRequest("kexp-fm", 500, "usd", "For the morning show"),
            new Dictionary<string, string>
            {
                ["station"] = Slug,
                ["amount"] = $"The gift, {MinorUnits}.",
                ["currency"] = "ISO 4217 code, lower case.",
                ["message"] = "A note for the station, at most 500 characters.",
                ["anonymous"] = "The station never sees who gave.",
            },
            ["station", "amount", "currency"]),
        [typeof(PledgePerUse.Result)] = new(
            "A per-use pledge made.",
            new PledgePerUse.Result(SamplePledge, "kexp-fm", 10, 1000, "usd"),
            new Dictionary<string, string>
            {
                ["id"] = "The pledge's id.",
                ["station"] = Slug,
                ["ratePerHour"] = $"Per hour listened, {MinorUnits}.",
                ["monthlyCap"] = $"The most in a month, {MinorUnits}.",
                ["currency"] = "ISO 4217 code, lower case.",
            }),
        [typeof(AddGiftToBasket.Result)] = new(
            "A gift added to the next basket.",
            new AddGiftToBasket.Result(SamplePledge, "kexp-fm", 500, "usd"),
            new Dictionary<string, string>
            {
                ["id"] = "The gift's pledge id.",
                ["station"] = Slug,
                ["amount"] = $"The gift, {MinorUnits}.",
                ["currency"] = "ISO 4217 code, lower case.",
            }),
        [typeof(GetMyBasket.Result)] = new(
            "The listener's baskets.",
            new GetMyBasket.Result(true, [new GetMyBasket.BasketPreview(new DateOnly(2026, 4, 1), SampleTime.AddMonths(2), false, SampleSplit)], [SampleBasket]) { Paused = [SamplePaused], Card = new("visa", "4242", 12, 2029) },
            new Dictionary<string, string>
            {
                ["card"] = "The saved card, to recognise it by (brand, last four digits, expiry); null without one, or while Stripe cannot be reached.",
                ["paused"] = "Pledges the listener paused: left out of every basket until resumed.",
                ["hasCard"] = "Whether a saved card is there to charge.",
                ["upcoming"] = "The next basket, one per currency, as it stands now.",
                ["past"] = "Baskets opened before, newest first.",
            }),
        [typeof(GetMyBasket.BasketPreview)] = new(
            "The next basket as it stands now.",
            new GetMyBasket.BasketPreview(new DateOnly(2026, 4, 1), SampleTime.AddMonths(2), false, SampleSplit),
            new Dictionary<string, string>
            {
                ["period"] = "The month it charges, its first day.",
                ["chargedAt"] = "When it is charged: as the month's listening log closes.",
                ["belowMinimum"] = "Under the minimum charge (0.50): it will roll over to the next month.",
                ["split"] = "The charge and each pledge's share; the fee is estimated from the processor's price.",
            }),
        [typeof(CardDescription)] = new(
            "A saved card as the listener knows it; never its number.",
            new CardDescription("visa", "4242", 12, 2029),
            new Dictionary<string, string>
            {
                ["brand"] = "Stripe's card brand: visa, mastercard, amex...",
                ["last4"] = "The card number's last four digits.",
                ["expMonth"] = "The month it expires, 1 to 12.",
                ["expYear"] = "The year it expires.",
            }),
        [typeof(GetMyBasket.PausedPledge)] = new(
            "A paused pledge, left out of baskets until the listener resumes it.",
            SamplePaused,
            new Dictionary<string, string>
            {
                ["pledgeId"] = "The pledge.",
                ["stationSlug"] = Slug,
                ["stationName"] = "The station's name.",
                ["kind"] = "monthly or per_use.",
                ["amount"] = $"What it adds to a basket once resumed (a per-use pledge's monthly cap), {MinorUnits}.",
                ["currency"] = "Lower-case ISO 4217 code.",
                ["pausedAt"] = "When it was paused (ISO 8601).",
            }),
        [typeof(ResumeCheckout.Result)] = new(
            "Where to pay a pledge left at checkout.",
            new ResumeCheckout.Result(SamplePledge, new Uri("https://checkout.stripe.com/c/pay/cs_test_a1b2c3")),
            new Dictionary<string, string>
            {
                ["pledgeId"] = "The pledge.",
                ["checkoutUrl"] = "Stripe Checkout's page for it: the same session while it is open, otherwise a new one.",
            }),
        [typeof(GetMyBasket.BasketView)] = new(
            "A basket opened for a month.",
            SampleBasket,
            new Dictionary<string, string>
            {
                ["id"] = "The basket's id.",
                ["period"] = "The month it charges, its first day.",
                ["chargedAt"] = "When it was charged: as the month's listening log closed.",
                ["status"] = "charging, retrying, paused, paid or rolled_over.",
                ["attempts"] = "Attempts to charge it so far.",
                ["nextAttemptAt"] = "When a declined basket is tried again, or null.",
                ["failureReason"] = "Why the last attempt failed, or null.",
                ["split"] = "The charge and each pledge's share, with the fee Stripe took.",
            }),
        [typeof(GetMyBasket.Split)] = new(
            "A basket's charge and how it splits across pledges.",
            SampleSplit,
            new Dictionary<string, string>
            {
                ["currency"] = "ISO 4217 code.",
                ["amount"] = $"The charge, {MinorUnits}.",
                ["fee"] = $"The card fee, {MinorUnits}.",
                ["stationsReceive"] = $"What the stations receive in all, {MinorUnits}.",
                ["lines"] = "Each pledge's share.",
            }),
        [typeof(GetMyBasket.LineView)] = new(
            "One pledge's share of a basket.",
            SampleSplit.Lines[0],
            new Dictionary<string, string>
            {
                ["pledgeId"] = "The pledge.",
                ["stationSlug"] = Slug,
                ["stationName"] = "The station's name.",
                ["kind"] = "monthly, per_use or one_time.",
                ["amount"] = $"Its share of the charge, {MinorUnits}.",
                ["fee"] = $"Its share of the fee by largest remainder, {MinorUnits}.",
                ["stationReceives"] = $"What the station receives, {MinorUnits}.",
            }),
        [typeof(BasketStatus)] = new("Where a basket is: charging, retrying after a decline, paused, paid, or rolled over to the next month.", BasketStatus.Paid, new Dictionary<string, string>()),
        [typeof(BasketLineKind)] = new("What a basket line is for: a monthly pledge, a per-use pledge, or a one-time gift.", BasketLineKind.Monthly, new Dictionary<string, string>()),
        [typeof(PledgesApi.ChangeRequest)] = new(
            "A change to a monthly or per-use pledge, from the next basket.",
            new PledgesApi.ChangeRequest(1500),
            new Dictionary<string, string>
            {
                ["amount"] = $"The new monthly amount, or a per-use pledge's new monthly cap, {MinorUnits}.",
                ["ratePerHour"] = $"A per-use pledge's new rate per hour listened, {MinorUnits}.",
                ["skipNextMonth"] = "Skip the next month of a monthly pledge: nothing is charged for it.",
            }),
        [typeof(ChangePledge.Result)] = new(
            "The pledge as changed.",
            new ChangePledge.Result(SamplePledge, 1500, null, SampleTime.AddMonths(1), false),
            new Dictionary<string, string>
            {
                ["paused"] = "Whether it is paused: left out of every basket until resumed.",
                ["pledgeId"] = "The pledge.",
                ["amount"] = $"Its monthly amount (a per-use pledge's cap), {MinorUnits}.",
                ["ratePerHour"] = $"A per-use pledge's rate per hour, {MinorUnits}; null for a monthly pledge.",
                ["nextChargeAt"] = "When a monthly pledge's next month is due; null for a per-use pledge.",
            }),
        [typeof(ProofsApi.ProofRequest)] = new(
            "The station and year a proof of giving is for.",
            new ProofsApi.ProofRequest("kexp-fm", 2026),
            new Dictionary<string, string>
            {
                ["station"] = Slug,
                ["year"] = "The calendar year (UTC) the listener gave in, from 2000 to this one; a payment of theirs to the station must fall in it.",
            },
            ["station", "year"]),
        [typeof(ProofsApi.ProofCreated)] = new(
            "A new proof of giving. Its token is shown here once: the app keeps only its hash.",
            new ProofsApi.ProofCreated(Guid.Parse("019a3c1e-9d3e-7f50-8a12-4c5d6e7f8091"), "kexp-fm", "KEXP", "2026", "Xq3t0dM1yG8bq2Jf5n0yH7cW4kP9sL6eR1aB2cD3eF4", new Uri("https://emancipay.example/proofs/Xq3t0dM1yG8bq2Jf5n0yH7cW4kP9sL6eR1aB2cD3eF4")),
            new Dictionary<string, string>
            {
                ["id"] = "The proof's id, to revoke it.",
                ["station"] = Slug,
                ["stationName"] = "The station's name.",
                ["period"] = "The calendar year proven, like 2026.",
                ["token"] = "The secret in the proof's link; whoever has it can check the proof.",
                ["url"] = "The page anyone can open (or scan as a QR code) to check the proof.",
            }),
        [typeof(VerifyProof.Result)] = new(
            "What a proof of giving proves; nothing about who gave.",
            new VerifyProof.Result("kexp-fm", "KEXP", "2026", true),
            new Dictionary<string, string>
            {
                ["station"] = Slug,
                ["stationName"] = "The station's name.",
                ["period"] = "The calendar year a supporter of the station gave in, like 2026.",
                ["valid"] = "true while the proof stands; false once its listener revoked it.",
            }),
        [typeof(ListeningApi.ListeningRequest)] = new(
            "Some listening to log.",
            new ListeningApi.ListeningRequest("kexp-fm", SampleTime, 90),
            new Dictionary<string, string>
            {
                ["station"] = Slug,
                ["startedAt"] = "When the listening began (ISO 8601); it must have ended by now, in a month still open.",
                ["minutes"] = "How long, from 1 to 1440; a day (UTC, by when each session began) holds at most 24 hours.",
            },
            ["station", "startedAt", "minutes"]),
        [typeof(ListeningApi.CorrectionRequest)] = new(
            "A session corrected; it stays in its month.",
            new ListeningApi.CorrectionRequest(SampleTime, 60),
            new Dictionary<string, string>
            {
                ["startedAt"] = "When the listening began (ISO 8601), in the same month.",
                ["minutes"] = "How long, from 1 to 1440.",
            },
            ["startedAt", "minutes"]),
        [typeof(GetMyListening.Session)] = new(
            "One session of the listener's log.",
            SampleListening,
            new Dictionary<string, string>
            {
                ["id"] = "The session's id.",
                ["station"] = Slug,
                ["stationName"] = "The station's name.",
                ["startedAt"] = "When the listening began (ISO 8601, UTC).",
                ["minutes"] = "How long it lasted.",
                ["open"] = "Whether its month is still open, so it can be corrected or deleted.",
            }),
        [typeof(GetMyListening.StationTotal)] = new(
            "The month's listening to one station.",
            new GetMyListening.StationTotal("kexp-fm", "KEXP", 90),
            new Dictionary<string, string>
            {
                ["station"] = Slug,
                ["stationName"] = "The station's name.",
                ["minutes"] = "The minutes listened to it in the month.",
            }),
        [typeof(GetMyListening.Result)] = new(
            "One month of the listener's own log.",
            new GetMyListening.Result("2026-03", SampleTime.AddMonths(1), [SampleListening], [new GetMyListening.StationTotal("kexp-fm", "KEXP", 90)]),
            new Dictionary<string, string>
            {
                ["month"] = "The month, like 2026-03.",
                ["closesAt"] = "Until when the month's log can change (ISO 8601): two days into the next month.",
                ["sessions"] = "The month's sessions, oldest first.",
                ["totals"] = "The minutes per station, by name.",
            }),
        [typeof(ChooseFallback.Result)] = new(
            "The choice now standing.",
            new ChooseFallback.Result(SamplePledge, "wnyc-fm"),
            new Dictionary<string, string>
            {
                ["pledgeId"] = "The pledge's id.",
                ["fallback"] = "The slug of the station the money goes to at the deadline; null for a refund.",
            }),
        [typeof(CreatePledge.Result)] = new(
            "The pledge just made, with what will be charged and where to pay it.",
            new CreatePledge.Result(SamplePledge, "pending", 1000, 59, 1000, 1059, "usd", new Uri("https://checkout.stripe.com/c/pay/cs_test_a1b2c3")),
            new Dictionary<string, string>
            {
                ["id"] = "The pledge's id.",
                ["status"] = "pending until it is paid at checkout.",
                ["amount"] = $"The amount pledged, {MinorUnits}.",
                ["fee"] = $"Stripe's estimated fee on the charge, {MinorUnits}.",
                ["netToStation"] = $"What the station's escrow receives, {MinorUnits}.",
                ["charged"] = $"What the listener's card is charged, {MinorUnits}: the amount, plus the fee if the listener covers it.",
                ["currency"] = "Lower-case ISO 4217 code.",
                ["checkoutUrl"] = "The Stripe Checkout page where the listener pays.",
            }),
        [typeof(StationsApi.StationPage)] = new(
            "One page of the station directory.",
            new StationsApi.StationPage([SampleStation], 1, 1),
            new Dictionary<string, string>
            {
                ["items"] = "The stations on this page, by name.",
                ["page"] = "This page's number, from 1.",
                ["total"] = "How many stations match, on all pages.",
            }),
        [typeof(SearchStations.Station)] = new(
            "A station in the directory.",
            SampleStation,
            StationFields()),
        [typeof(GetStation.Result)] = new(
            "One station, whether it has claimed its escrow, and what waits there.",
            new GetStation.Result("kexp-fm", "KEXP", "KEXP-FM", "90.3 FM", "Seattle", "WA", "https://www.kexp.org", false, [new GetStation.Escrow("usd", 94100, 0)], 12, SampleTime.AddDays(365), true, null),
            new Dictionary<string, string>(StationFields())
            {
                ["escrow"] = "What the station's escrow holds, per currency.",
                ["supporterCount"] = "How many listeners have paid this station.",
                ["holdDeadlineForNewPledges"] = "For a station that has not claimed: until when a pledge made now is held before it is refunded. Null once claimed, or when it declined.",
                ["listed"] = "false for a station proposed by a user and not yet accepted by an admin (only its proposer and admins see it).",
                ["declineReason"] = "The station's own statement when it said it will not join EmanciPay (it then takes no pledges and its escrow is refunded); otherwise null.",
                ["declined"] = "true when the station said it will not join EmanciPay.",
            }),
        [typeof(TermsApi.TermsRequest)] = new(
            "The listener's terms, for every station they give to.",
            new TermsApi.TermsRequest("show-name", "email-only", true, false, false),
            new Dictionary<string, string>
            {
                ["display"] = "show-name (stations may see your name and message) or anonymous (they see nothing of you).",
                ["contact"] = "email-or-post, email-only (no postal address) or none (no email or postal address, no contact).",
                ["noSharing"] = "true: stations must not share, rent or sell your details; true when omitted.",
                ["noGifts"] = "true: no thank-you gifts or premiums; false when omitted.",
                ["noAsksThisYear"] = "true: do not ask me to give again this calendar year (UTC); false when omitted.",
            },
            ["display", "contact"]),
        [typeof(TermsApi.DetailsRequest)] = new(
            "The listener's name and postal address, held once for every station.",
            new TermsApi.DetailsRequest("Ada Listener", "1 Main Street\nSeattle, WA 98101"),
            new Dictionary<string, string>
            {
                ["name"] = "Your name as stations may see it, at most 100 characters; empty removes it.",
                ["postalAddress"] = "Your postal address, lines separated by line breaks, at most 300 characters; empty removes it.",
            },
            []),
        [typeof(TermsApi.VerifyRequest)] = new(
            "A copy of a signed agreement to check.",
            new TermsApi.VerifyRequest(SampleAgreementPayload, SampleSignature),
            new Dictionary<string, string>
            {
                ["payload"] = "The signed text exactly as given (the payload field of an agreement), at most 4,000 characters.",
                ["signature"] = "Its signature as given: base64 of the DER-encoded ECDSA signature.",
            },
            ["payload", "signature"]),
        [typeof(GetTermsRoster.TermView)] = new(
            "One term of the roster, in plain words and machine-readable.",
            SampleTerm,
            new Dictionary<string, string>
            {
                ["id"] = "The term's stable id, such as cc-contact-email.",
                ["version"] = "Its version: it goes up when the term's meaning changes, so an agreement names exactly what was agreed.",
                ["publisher"] = "Who publishes the roster: EmanciPay.",
                ["choice"] = "display or contact for terms that are alternatives of one choice (a listener picks one of each); null for a term on its own.",
                ["title"] = "A short name for the term.",
                ["text"] = "What the term asks of a station, in plain words.",
                ["withholds"] = "What a station never receives while the term is chosen: name, email, postal-address, message.",
            }),
        [typeof(GetMyTerms.MyTerms)] = new(
            "The terms a listener proffers to every station they give to.",
            GetMyTerms.ViewOf(EmanciPay.Domain.Terms.ListenerTerms.Default("b3c9d2f4-8e1a-4f6b-9c7d-1a2b3c4d5e6f"), SampleTime),
            new Dictionary<string, string>
            {
                ["display"] = "show-name or anonymous.",
                ["contact"] = "email-or-post, email-only or none.",
                ["noSharing"] = "Whether stations must not share, rent or sell the listener's details.",
                ["noGifts"] = "Whether the listener wants no thank-you gifts.",
                ["noAsksThisYear"] = "Whether stations must not ask the listener to give again this calendar year.",
                ["terms"] = "The roster's terms these choices amount to, as stations read them.",
                ["changedAt"] = "When the listener last chose; null while they have the defaults.",
            }),
        [typeof(SetMyDetails.Result)] = new(
            "The listener's details as now held.",
            new SetMyDetails.Result("Ada Listener", "1 Main Street\nSeattle, WA 98101", SampleTime),
            new Dictionary<string, string>
            {
                ["name"] = "The listener's name; null when not set.",
                ["postalAddress"] = "The listener's postal address; null when not set.",
                ["changedAt"] = "When the details were last changed.",
            }),
        [typeof(GetMyDetails.Details)] = new(
            "The listener's details, held once, and which stations can see what.",
            new GetMyDetails.Details("Ada Listener", "listener@example.org", "1 Main Street\nSeattle, WA 98101", SampleTime, [new GetMyDetails.StationView("kexp-fm", "KEXP", true, ["name", "email", "message"], false, SampleTime, Guid.Parse("019a3c1e-9d4e-7f60-8a12-4c5d6e7f8091"))]),
            new Dictionary<string, string>
            {
                ["name"] = "The listener's name; null when not set.",
                ["email"] = "The account's address; a new one replaces it only once confirmed.",
                ["postalAddress"] = "The listener's postal address; null when not set.",
                ["changedAt"] = "When name or postal address last changed; null if never set.",
                ["stations"] = "Each station the listener gave to, by name.",
            }),
        [typeof(GetMyDetails.StationView)] = new(
            "What one station the listener gave to can see of them now.",
            new GetMyDetails.StationView("kexp-fm", "KEXP", true, ["name", "email", "message"], false, SampleTime, Guid.Parse("019a3c1e-9d4e-7f60-8a12-4c5d6e7f8091")),
            new Dictionary<string, string>
            {
                ["slug"] = Slug,
                ["stationName"] = "The station's name.",
                ["claimed"] = "Whether the station has claimed its escrow (an unclaimed station has no managers to see anything).",
                ["sees"] = "What the station reads of the listener now: some of name, email, postal-address, message; empty when nothing.",
                ["onlyAnonymousGifts"] = "true when every gift to this station was anonymous, so it sees nothing whatever the terms.",
                ["agreedAt"] = "When the station agreed to honour the listeners' terms; null if it has not.",
                ["agreementId"] = "The id of that signed agreement (GET /api/v1/terms/stations/{slug}/agreement); null if none.",
            }),
        [typeof(AgreementView)] = new(
            "A station's signed agreement to honour the listeners' terms.",
            new AgreementView(SampleAgreementContent.Agreement, SampleStationId, SampleAgreementContent.AgreedBy, ["cc-display-name@1", "cc-anonymous@1"], SampleTime, false, SampleAgreementPayload, SampleSignature, SampleKeyId),
            new Dictionary<string, string>
            {
                ["id"] = "The agreement's id.",
                ["stationId"] = "The station it binds.",
                ["agreedBy"] = "The user id of the station's manager (or claimant) who agreed.",
                ["terms"] = "The terms agreed, as id@version.",
                ["agreedAt"] = "When it was agreed (UTC, to the millisecond).",
                ["coversRoster"] = "Whether it covers every term of today's roster at today's version.",
                ["payload"] = "The signed text, byte for byte: check it with POST /api/v1/terms/agreements/verify or the public key.",
                ["signature"] = "ECDSA P-256 with SHA-256 over the UTF-8 payload, DER-encoded, base64.",
                ["keyId"] = "Which of the app's keys signed it (GET /api/v1/terms/public-key).",
            }),
        [typeof(VerifyAgreement.Result)] = new(
            "Whether a copy of an agreement is one the app signed.",
            new VerifyAgreement.Result(true, SampleKeyId, SampleAgreementContent),
            new Dictionary<string, string>
            {
                ["valid"] = "true only when the app's key signed exactly this text.",
                ["keyId"] = "The app's key the copy was checked against.",
                ["agreement"] = "What the signed text says, when valid; null otherwise.",
            }),
        [typeof(AgreementPayload.Content)] = new(
            "What a signed agreement says.",
            SampleAgreementContent,
            new Dictionary<string, string>
            {
                ["type"] = "Always emancipay/terms-agreement.",
                ["agreement"] = "The agreement's id.",
                ["station"] = "The station it binds.",
                ["agreedBy"] = "The user id of the manager who agreed.",
                ["terms"] = "Each term agreed, with its version.",
                ["agreedAt"] = "When it was agreed.",
                ["keyId"] = "The app's key that signed it.",
            }),
        [typeof(AgreementPayload.StationRef)] = new(
            "The station an agreement binds.",
            SampleAgreementContent.Station,
            new Dictionary<string, string>
            {
                ["id"] = "The station's id.",
                ["slug"] = Slug,
                ["name"] = "The station's name when it agreed.",
            }),
        [typeof(AgreementPayload.TermRef)] = new(
            "One term of an agreement.",
            new AgreementPayload.TermRef("cc-display-name", 1),
            new Dictionary<string, string>
            {
                ["id"] = "The term's stable id.",
                ["version"] = "The version agreed.",
            }),
        [typeof(GetSigningKey.Key)] = new(
            "The app's public key for signed agreements.",
            new GetSigningKey.Key(SampleKeyId, "ES256", "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE...\n-----END PUBLIC KEY-----"),
            new Dictionary<string, string>
            {
                ["keyId"] = "The key's id: the SHA-256 of its SubjectPublicKeyInfo, hex, first 16 characters.",
                ["algorithm"] = "ES256: ECDSA on P-256 with SHA-256; signatures are DER-encoded, then base64.",
                ["publicKeyPem"] = "The public key, SubjectPublicKeyInfo in PEM.",
            }),
        [typeof(GetStationSupporters.Supporter)] = new(
            "One pledge to the station, showing its listener only as their current terms allow.",
            new GetStationSupporters.Supporter(false, "Ada Listener", "listener@example.org", null, "For the morning show", false, true, true, false, "monthly", "usd", 1000, 3, SampleTime),
            new Dictionary<string, string>
            {
                ["anonymous"] = "true when this gift was anonymous or the listener's terms keep them anonymous: name, email, postal address and message are null.",
                ["name"] = "The listener's name; null when withheld or not set.",
                ["email"] = "The listener's current address; null when their terms say not to contact them.",
                ["postalAddress"] = "The listener's postal address, only when their terms allow contact by post.",
                ["message"] = "The listener's note; null when anonymous.",
                ["noContact"] = "The listener asked not to be contacted at all.",
                ["noSharing"] = "Their details must not be shared, rented or sold.",
                ["noGifts"] = "They want no thank-you gifts or premiums.",
                ["noAsksThisYear"] = "They must not be asked to give again this calendar year.",
                ["frequency"] = "one-time or monthly.",
                ["currency"] = "Lower-case ISO 4217 code.",
                ["amount"] = $"What the listener pledged per payment, {MinorUnits}.",
                ["payments"] = "How many payments the pledge has made.",
                ["firstPaidAt"] = "When its first payment succeeded.",
            }),
        [typeof(ClaimsApi.ClaimRequest)] = new(
            "A claim to manage a station, with evidence that the claimant works there.",
            new ClaimsApi.ClaimRequest("gm@wfmu.org", "+1 201 555 0100", "I am WFMU's general manager.", true),
            new Dictionary<string, string>
            {
                ["agreeToTerms"] = "Must be true: the claimant agrees, for the station, to honour the listeners' terms (GET /api/v1/terms); the agreement is signed with the app's key and kept.",
                ["email"] = "An address at the station's website domain or a subdomain of it (gm@wfmu.org for https://wfmu.org); a single-use link valid 24 hours is mailed there.",
                ["phone"] = "A phone number an admin can call to check the claim, at most 40 characters.",
                ["note"] = "Anything that helps an admin decide (your role at the station), at most 1,000 characters; optional.",
            },
            ["email", "phone", "agreeToTerms"]),
        [typeof(SubmitClaim.Result)] = new(
            "The claim just submitted.",
            new SubmitClaim.Result(SampleClaim, "awaiting_email"),
            new Dictionary<string, string>
            {
                ["id"] = "The claim's id.",
                ["status"] = ClaimStatusWords,
            }),
        [typeof(GetMyClaims.Claim)] = new(
            "One of the signed-in user's claims and its history.",
            new GetMyClaims.Claim(SampleClaim, "rejected", "wfmu", "WFMU", "WFMU", "gm@wfmu.org", "+1 201 555 0100", "I am WFMU's general manager.", SampleTime, SampleTime.AddHours(1), SampleTime.AddDays(1), "We could not reach you at that number."),
            ClaimFields()),
        [typeof(ListClaims.Claim)] = new(
            "A claim as admins review it.",
            new ListClaims.Claim(SampleClaim, "pending", "wfmu", "WFMU", "WFMU", "https://wfmu.org", true, "someone@example.org", "gm@wfmu.org", "+1 201 555 0100", "I am WFMU's general manager.", SampleTime, SampleTime.AddHours(1), null, null, null, 1),
            new Dictionary<string, string>(ClaimFields())
            {
                ["website"] = "The station's website, whose domain the claim's email is at.",
                ["stationListed"] = "false while the station is a user's proposal: approving the claim lists it.",
                ["claimant"] = "The claimant's account address.",
                ["decidedBy"] = "The address of the admin who decided; null while open.",
                ["competing"] = "How many other open claims there are for the same station.",
            }),
        [typeof(ClaimsApi.RejectRequest)] = new(
            "Why a claim is rejected.",
            new ClaimsApi.RejectRequest("We could not reach you at that number."),
            new Dictionary<string, string> { ["reason"] = "The reason, shown to the claimant; 1 to 500 characters." },
            ["reason"]),
        [typeof(ApproveClaim.Result)] = new(
            "The approved claim.",
            new ApproveClaim.Result(SampleClaim, "approved", 12),
            new Dictionary<string, string>
            {
                ["id"] = "The claim's id.",
                ["status"] = "approved.",
                ["listenersToTell"] = "How many listeners (by address) are being mailed that the station claimed their gift.",
            }),
        [typeof(RejectClaim.Result)] = new(
            "The rejected claim.",
            new RejectClaim.Result(SampleClaim, "rejected"),
            new Dictionary<string, string>
            {
                ["id"] = "The claim's id.",
                ["status"] = "rejected.",
            }),
        [typeof(GetStation.Escrow)] = new(
            "A station's escrow in one currency.",
            new GetStation.Escrow("usd", 94100, 0),
            new Dictionary<string, string>
            {
                ["currency"] = "Lower-case ISO 4217 code.",
                ["available"] = $"What can be paid out to the station, {MinorUnits}.",
                ["reserved"] = $"What is set aside for payouts under way, {MinorUnits}.",
            }),
        [typeof(GetPortal.Portal)] = new(
            "A station's portal, for its managers: escrow per currency, supporters, and its Stripe account as Stripe last reported it.",
            new GetPortal.Portal(SampleStationId, "kexp-fm", "KEXP", "KEXP-FM", true, [SamplePortalEscrow], 12, SampleConnect),
            new Dictionary<string, string>
            {
                ["stationId"] = "The station's id.",
                ["slug"] = Slug,
                ["name"] = "The station's name.",
                ["callSign"] = "The station's call sign.",
                ["claimed"] = "Whether the station has claimed its escrow.",
                ["escrow"] = "What the station's escrow holds, per currency.",
                ["supporters"] = "How many people (accounts, or addresses for guests) have paid this station at least once.",
                ["connect"] = "The station's Stripe connected account.",
            }),
        [typeof(GetPortal.Escrow)] = new(
            "A station's escrow in one currency.",
            SamplePortalEscrow,
            new Dictionary<string, string>
            {
                ["currency"] = "Lower-case ISO 4217 code.",
                ["available"] = $"What can be paid out now, {MinorUnits}.",
                ["reserved"] = $"What is reserved for payouts under way, {MinorUnits}.",
                ["paidOut"] = $"What has been paid out to the station so far, {MinorUnits}.",
            }),
        [typeof(GetPortal.Connect)] = new(
            "The station's Stripe connected account, as Stripe last reported it.",
            SampleConnect,
            new Dictionary<string, string>
            {
                ["connected"] = "Whether the station has a Stripe account with us at all.",
                ["payoutsEnabled"] = "Whether Stripe lets the account receive payouts; payouts are possible only while it is true.",
                ["detailsSubmitted"] = "Whether the station has sent Stripe the details onboarding asks for.",
                ["currentlyDue"] = "What Stripe still requires (its requirements.currently_due field names); empty when nothing is due.",
                ["disabledReason"] = "Why Stripe cannot pay the account out (its requirements.disabled_reason); null when nothing stops it.",
            }),
        [typeof(GetStationStatement.Page)] = new(
            "One page of a station's statement, newest posting first.",
            new GetStationStatement.Page([SampleStatementLine], "MTIzNDU2Nzg5MC4wMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZi4w"),
            new Dictionary<string, string>
            {
                ["entries"] = "The postings on this page.",
                ["nextCursor"] = "Pass it as cursor to get the next (older) page; null on the last page.",
            }),
        [typeof(GetStationStatement.Line)] = new(
            "One posting on the station's escrow.",
            SampleStatementLine,
            new Dictionary<string, string>
            {
                ["postedAt"] = "When it was posted.",
                ["entryId"] = "The journal entry it belongs to (a payment and its fee share one).",
                ["cause"] = "What moved the money: payment, fee, payout, refund, expiry-refund, transfer-reversal, dispute, recovery (a refund or dispute beyond what the escrow held, repaid from later pledges) or adjustment.",
                ["currency"] = "Lower-case ISO 4217 code.",
                ["amount"] = $"Into the escrow (positive) or out of it (negative), {MinorUnits}.",
                ["balanceAfter"] = $"What the escrow held in this currency after this posting, {MinorUnits}.",
                ["supporter"] = "The listener behind a payment, its fee or its refund; null for other postings.",
            }),
        [typeof(GetStationStatement.Supporter)] = new(
            "Who gave, as far as they allowed the station to know.",
            new GetStationStatement.Supporter(false, "Ada Listener", "listener@example.org", "For the morning show"),
            new Dictionary<string, string>
            {
                ["anonymous"] = "true when the listener gave this gift anonymously or their terms keep them anonymous: then name, email and message are null.",
                ["name"] = "The listener's name as they set it once for every station; null when anonymous or not set.",
                ["email"] = "The listener's current address; null when anonymous or their terms say not to contact them.",
                ["message"] = "The listener's note to the station; null when anonymous.",
            }),
        [typeof(GetTrialBalance.Result)] = new(
            "Every ledger account's balance at the end of a day, per currency.",
            new GetTrialBalance.Result(new DateOnly(2026, 3, 31), [SampleTrialBalance]),
            new Dictionary<string, string>
            {
                ["at"] = "The UTC day whose end the balances are at.",
                ["currencies"] = "One trial balance per currency the ledger has accounts in.",
            }),
        [typeof(GetTrialBalance.Currency)] = new(
            "The trial balance of one currency.",
            SampleTrialBalance,
            new Dictionary<string, string>
            {
                ["code"] = "Lower-case ISO 4217 code.",
                ["lines"] = "One line per account: the platform's own accounts first, then each station's escrow by name.",
                ["totalDebit"] = $"The debit column's total, {MinorUnits}.",
                ["totalCredit"] = $"The credit column's total, {MinorUnits}.",
                ["balanced"] = "Whether the two totals are equal, as they are when the books are right.",
            }),
        [typeof(GetTrialBalance.Line)] = new(
            "One account's balance in the trial balance.",
            SampleTrialBalance.Lines[0],
            new Dictionary<string, string>
            {
                ["account"] = "The account's code: stripe:balance, fees:processing, fees:platform, suspense, or escrow:<station id>.",
                ["type"] = "asset, liability, expense or revenue.",
                ["stationSlug"] = "For a station's escrow, the station's slug; null for the platform's own accounts.",
                ["stationName"] = "For a station's escrow, the station's name; null otherwise.",
                ["debit"] = $"A debit balance, {MinorUnits}; 0 when the balance is on the credit side.",
                ["credit"] = $"A credit balance, {MinorUnits}; 0 when the balance is on the debit side.",
            }),
        [typeof(GetEscrowStatement.Statement)] = new(
            "A station's escrow over a period, for finance.",
            new GetEscrowStatement.Statement("kexp-fm", "KEXP", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), [new GetEscrowStatement.Balance("usd", 50000, 94100)], [SampleEscrowLine], null),
            new Dictionary<string, string>
            {
                ["slug"] = Slug,
                ["name"] = "The station's name.",
                ["from"] = "The period's first UTC day, included; null from the beginning.",
                ["to"] = "The period's last UTC day, included; null up to now.",
                ["balances"] = "Per currency, what the escrow held before the period and at its end.",
                ["lines"] = "The postings on this page, newest first.",
                ["nextCursor"] = "Pass it as cursor to get the next (older) page; null on the last page.",
            }),
        [typeof(GetEscrowStatement.Balance)] = new(
            "A station's escrow in one currency at the start and the end of the period.",
            new GetEscrowStatement.Balance("usd", 50000, 94100),
            new Dictionary<string, string>
            {
                ["currency"] = "Lower-case ISO 4217 code.",
                ["opening"] = $"What the escrow held before the period, {MinorUnits}.",
                ["closing"] = $"What it held at the period's end, {MinorUnits}.",
            }),
        [typeof(GetEscrowStatement.Line)] = new(
            "One posting on a station's escrow.",
            SampleEscrowLine,
            new Dictionary<string, string>
            {
                ["postedAt"] = "When it was posted.",
                ["entryId"] = "The journal entry it belongs to (a payment and its fee share one).",
                ["cause"] = "What moved the money: payment, fee, payout, refund, expiry-refund, transfer-reversal, dispute or adjustment.",
                ["causeId"] = "The id of what moved it: a Stripe PaymentIntent, refund or dispute, or our payout.",
                ["description"] = "The entry's description.",
                ["currency"] = "Lower-case ISO 4217 code.",
                ["amount"] = $"Into the escrow (positive) or out of it (negative), {MinorUnits}.",
                ["balanceAfter"] = $"What the escrow held in this currency after this posting, {MinorUnits}.",
            }),
        [typeof(GetMyGiving.PledgeRow)] = new(
            "One of the signed-in listener's pledges.",
            new GetMyGiving.PledgeRow(SamplePledge, "kexp-fm", "KEXP", 1000, 1059, "usd", PledgeFrequency.Monthly, PledgeStatus.Active, false, "For the morning show", SampleTime, SampleTime.AddMonths(1), null, [SamplePayment]),
            new Dictionary<string, string>
            {
                ["id"] = "The pledge's id.",
                ["stationSlug"] = Slug,
                ["stationName"] = "The station's name.",
                ["amount"] = $"The amount pledged, {MinorUnits}.",
                ["charged"] = $"What each payment charges the card, {MinorUnits}.",
                ["currency"] = "Lower-case ISO 4217 code.",
                ["frequency"] = "one_time or monthly.",
                ["status"] = "Where the pledge is in its life (see PledgeStatus).",
                ["anonymous"] = "Whether the station is told who gave.",
                ["message"] = "The listener's note to the station, if any.",
                ["createdAt"] = "When the pledge was made (ISO 8601).",
                ["nextChargeAt"] = "For an active monthly pledge, when the card is charged next; otherwise null.",
                ["failureReason"] = "Why the last payment failed, as Stripe said; otherwise null.",
                ["payments"] = "The payments made for this pledge, oldest first.",
                ["resumeUrl"] = "For a pledge still waiting for payment, where the listener goes back to pay while its checkout is open; otherwise null.",
                ["stationDecided"] = "Whether the station has claimed its escrow or declined to join; until it has, the listener chooses what happens at the deadline.",
                ["fallbackSlug"] = "The slug of the station that receives the money if this one never claims it; null for a refund (the default).",
                ["canResumeCheckout"] = "Whether it was left unpaid at checkout (open, or expired within 30 days): POST /api/v1/pledges/{id}/checkout gives an address to pay it at.",
                ["pausedAt"] = "When the listener paused this monthly or per-use pledge (ISO 8601); null while it runs.",
                ["ratePerHour"] = $"A per-use pledge's rate per hour listened, {MinorUnits} (its amount is the monthly cap); null otherwise.",
            }),
        [typeof(GetMyGiving.PaymentRow)] = new(
            "One payment of a pledge.",
            SamplePayment,
            new Dictionary<string, string>
            {
                ["paidAt"] = "When the payment succeeded (ISO 8601).",
                ["gross"] = $"What was charged, {MinorUnits}.",
                ["fee"] = $"Stripe's fee, {MinorUnits}.",
                ["net"] = $"What went to the station's escrow, {MinorUnits}.",
                ["refundedAt"] = "When it was last refunded (in full or in part), or null.",
                ["refunded"] = $"How much of it went back to the listener, {MinorUnits}.",
                ["movedTo"] = "The name of the station its net went to when its own never claimed it, as the listener chose; otherwise null.",
            }),
        [typeof(StartOnboarding.Result)] = new(
            "Where to send the station's manager to onboard with Stripe Connect.",
            new StartOnboarding.Result(new Uri("https://connect.stripe.com/setup/e/acct_1Nv0FGQ9RKHgCVdK/Yq3v0z1c2d3e")),
            new Dictionary<string, string>
            {
                ["url"] = "Stripe's onboarding page for the station's account: it works once, for a few minutes, then sends the manager back to the station portal.",
            }),
        [typeof(StartCardUpdate.Result)] = new(
            "Where to send the listener to save a new card for their baskets.",
            new StartCardUpdate.Result(new Uri("https://checkout.stripe.com/c/pay/cs_test_c1Yq3v0z1c2d3e")),
            new Dictionary<string, string>
            {
                ["url"] = "Stripe's Checkout page in setup mode: the listener saves a card there, nothing is charged, and Stripe sends them back to their basket. It works until it is used or expires (24 hours).",
            }),
        [typeof(CookieAntiforgery.AntiforgeryToken)] = new(
            "A token to send with unsafe requests made with the site's sign-in cookie.",
            new CookieAntiforgery.AntiforgeryToken("CfDJ8Nq2xYz", CookieAntiforgery.HeaderName),
            new Dictionary<string, string>
            {
                ["token"] = "The token, for this browser's cookie and sign-in.",
                ["header"] = "The header to send it in.",
            }),
        [typeof(PledgeFrequency)] = new("How often a pledge is charged: one_time, monthly until cancelled, or per_use (by the hour listened, in the monthly basket).", PledgeFrequency.Monthly, new Dictionary<string, string>()),
        [typeof(PledgeStatus)] = new("Where a pledge is in its life.", PledgeStatus.Active, new Dictionary<string, string>()),
        [typeof(ReconciliationsApi.StartRequest)] = new(
            "A period to reconcile: from its start, up to but not including its end.",
            new ReconciliationsApi.StartRequest(SampleTime.AddDays(-1), SampleTime),
            new Dictionary<string, string>
            {
                ["from"] = "The start of the period (ISO 8601).",
                ["to"] = "The end of the period (ISO 8601), after from, at most a year later and not in the future.",
            },
            ["from", "to"]),
        [typeof(ReconciliationsApi.Started)] = new(
            "A reconciliation run accepted.",
            new ReconciliationsApi.Started(SampleDiscrepancy.Id),
            new Dictionary<string, string> { ["id"] = "The run's id, for GET /api/v1/finance/reconciliations/{id}." }),
        [typeof(ReconciliationsApi.NoteRequest)] = new(
            "Why finance settles a discrepancy so.",
            new ReconciliationsApi.NoteRequest("Stripe's fee was refunded after a fee dispute."),
            new Dictionary<string, string> { ["note"] = "Required; at most 1,000 characters." },
            ["note"]),
        [typeof(ReconciliationsApi.LockRequest)] = new(
            "A month to close.",
            new ReconciliationsApi.LockRequest("2026-02"),
            new Dictionary<string, string> { ["month"] = "The month as yyyy-MM (UTC); it must have ended." },
            ["month"]),
        [typeof(ReconciliationsApi.Locked)] = new(
            "A locked month.",
            new ReconciliationsApi.Locked("2026-02"),
            new Dictionary<string, string> { ["month"] = "The month as yyyy-MM (UTC): nothing posts into it any more." }),
        [typeof(ReconciliationView)] = new(
            "A reconciliation run.",
            new ReconciliationView(SampleDiscrepancy.Id, SampleTime.AddDays(-1), SampleTime, "succeeded", 100, "Finished", "list", 120, 119, 118, 1, SampleTime, SampleTime.AddMinutes(1), null, [new CategoryView("charge", 100, 100, 99, 1)], [SampleDiscrepancy]),
            new Dictionary<string, string>
            {
                ["id"] = "The run's id.",
                ["from"] = "The start of the period (ISO 8601).",
                ["to"] = "The end of the period, not included (ISO 8601).",
                ["status"] = "queued, running, succeeded or failed.",
                ["progress"] = "How far the run has got, 0 to 100.",
                ["step"] = "What the run is doing, in words.",
                ["stripeSource"] = "How Stripe was read: list (the list API) or report (the itemized balance change report); null until it starts.",
                ["stripeItems"] = "Stripe objects with balance transactions in the period.",
                ["ledgerItems"] = "Ledger causes that moved the Stripe balance in the period.",
                ["matched"] = "Objects on which both sides agree to the cent.",
                ["discrepancyCount"] = "Problems found.",
                ["requestedAt"] = "When the run was asked for (ISO 8601).",
                ["finishedAt"] = "When it finished; null until then.",
                ["failure"] = "Why it failed; otherwise null.",
                ["categories"] = "Counts per Stripe reporting category.",
                ["discrepancies"] = "The problems it found, at most 1,000.",
            }),
        [typeof(CategoryView)] = new(
            "A run's counts for one Stripe reporting category.",
            new CategoryView("charge", 100, 100, 99, 1),
            new Dictionary<string, string>
            {
                ["category"] = "Stripe's reporting_category: charge, refund, transfer, transfer_reversal, dispute, payout, fee...",
                ["stripeItems"] = "Objects in it at Stripe.",
                ["ledgerItems"] = "Objects in it in the ledger.",
                ["matched"] = "Objects that agree.",
                ["discrepancies"] = "Problems found.",
            }),
        [typeof(DiscrepancyView)] = new(
            "One problem between Stripe and the ledger about one Stripe object.",
            SampleDiscrepancy,
            new Dictionary<string, string>
            {
                ["id"] = "The discrepancy's id.",
                ["sourceId"] = "The Stripe object: a PaymentIntent for a charge, else the refund, transfer, reversal, dispute or payout.",
                ["kind"] = "missing_in_ledger, missing_at_stripe, amount_differs, fee_differs or currency_differs.",
                ["category"] = "Stripe's reporting category.",
                ["currency"] = "Lower-case ISO 4217 code.",
                ["stripeAmount"] = $"Gross at Stripe, {MinorUnits}, signed as it moves the platform's balance; null if Stripe has none.",
                ["ledgerAmount"] = $"Gross in the ledger, {MinorUnits}; null if the ledger has none.",
                ["stripeFee"] = $"Stripe's fee, {MinorUnits}.",
                ["ledgerFee"] = $"The fee the ledger booked, {MinorUnits}.",
                ["occurredAt"] = "When it happened (ISO 8601).",
                ["status"] = "open, adjusted, explained or cleared (a later run no longer found it).",
                ["note"] = "Finance's note, once resolved.",
                ["resolvedBy"] = "The finance user who resolved it.",
                ["resolvedAt"] = "When it was resolved.",
                ["adjustmentEntryId"] = "The adjusting ledger entry, if one was posted.",
            }),
        [typeof(PayoutsApi.PayoutRequest)] = new(
            "A payout to ask for, out of what the station's escrow has available.",
            new PayoutsApi.PayoutRequest(94100, "usd"),
            new Dictionary<string, string>
            {
                ["amount"] = $"How much to pay out, {MinorUnits}; null or left out pays out everything available.",
                ["currency"] = "Lower-case ISO 4217 code of the escrow to pay out of (usd by default).",
            },
            ["currency"]),
        [typeof(FinancePaymentsApi.RefundRequest)] = new(
            "A refund to make of one payment.",
            new FinancePaymentsApi.RefundRequest(500, "The listener pledged twice by mistake."),
            new Dictionary<string, string>
            {
                ["amount"] = $"How much to give back, {MinorUnits}, at most what is left to refund; null or left out refunds all of that.",
                ["reason"] = "Why the money goes back, at most 500 characters; required.",
            },
            ["reason"]),
        [typeof(IssueRefund.Result)] = new(
            "The refund made.",
            new IssueRefund.Result(Guid.Parse("019a3c1e-8c3d-7d4e-9f10-3b4c5d6e7f80"), Guid.Parse("019a3c1e-6a1b-7b2c-8d3e-4f5a6b7c8d9e"), "succeeded", 500, "usd", "The listener pledged twice by mistake.", "re_3Nv0dQ2eZvKYlo2C"),
            new Dictionary<string, string>
            {
                ["id"] = "The refund's id (its Stripe idempotency key is made from it).",
                ["paymentId"] = "The payment refunded.",
                ["status"] = "succeeded when Stripe refunded it and the books took it from the station's escrow; failed when Stripe refused it.",
                ["amount"] = $"What went back to the listener, {MinorUnits}.",
                ["currency"] = "Lower-case ISO 4217 code.",
                ["reason"] = "Why, as finance gave it.",
                ["stripeRefundId"] = "Stripe's refund (re_...), or null until Stripe has made it.",
            }),
        [typeof(PayoutsApi.RejectRequest)] = new(
            "Why finance does not approve a payout.",
            new PayoutsApi.RejectRequest("The bank details on the station's Stripe account are being checked; ask again next week."),
            new Dictionary<string, string> { ["reason"] = "Mailed to the station's managers; at most 500 characters." },
            ["reason"]),
        [typeof(RequestPayout.Result)] = new(
            "The payout just requested.",
            new RequestPayout.Result(SamplePayout.Id, "approved", 94100, "usd"),
            new Dictionary<string, string>
            {
                ["id"] = "The payout's id.",
                ["status"] = "approved (transferred shortly) or awaiting_approval (above the approval limit, finance decides).",
                ["amount"] = $"The amount reserved for it, {MinorUnits}.",
                ["currency"] = "Lower-case ISO 4217 code.",
            }),
        [typeof(PayoutView)] = new(
            "A payout of a station.",
            SamplePayout,
            new Dictionary<string, string>
            {
                ["id"] = "The payout's id.",
                ["amount"] = $"The amount, {MinorUnits}.",
                ["currency"] = "Lower-case ISO 4217 code.",
                ["status"] = "awaiting_approval, approved, transferring, paid, failed or rejected.",
                ["requestedAt"] = "When it was requested (ISO 8601).",
                ["requestedBySchedule"] = "true when the station's automatic schedule requested it.",
                ["finishedAt"] = "When it was paid, failed or rejected; otherwise null.",
                ["reason"] = "Why it failed or was rejected; otherwise null.",
                ["transferId"] = "Stripe's transfer to the station's account, once paid.",
            }),
        [typeof(ListPayouts.Result)] = new(
            "A station's payouts and what it can be paid.",
            new ListPayouts.Result(true, true, [new ListPayouts.Available("usd", 0, 0)], [new ListPayouts.Schedule("usd", PayoutFrequency.Monthly, 10000, SampleTime.AddMonths(1), null, null)], [SamplePayout]),
            new Dictionary<string, string>
            {
                ["payoutsEnabled"] = "Whether the station's Stripe account can receive payouts now.",
                ["termsAgreed"] = "Whether the station has agreed to honour its listeners' terms (today's roster): until it has, no payout is made, requested or scheduled.",
                ["escrow"] = "What the station's escrow has, per currency.",
                ["schedules"] = "The station's automatic payout schedules, per currency.",
                ["payouts"] = "Its payouts, newest first (the latest 200).",
            }),
        [typeof(ListPayouts.Available)] = new(
            "A station's escrow in one currency.",
            new ListPayouts.Available("usd", 94100, 0),
            new Dictionary<string, string>
            {
                ["currency"] = "Lower-case ISO 4217 code.",
                ["amount"] = $"What is available to pay out, {MinorUnits}.",
                ["reserved"] = $"What is reserved for payouts under way, {MinorUnits}.",
            }),
        [typeof(ListPayouts.Schedule)] = new(
            "An automatic payout schedule.",
            new ListPayouts.Schedule("usd", PayoutFrequency.Weekly, 10000, SampleTime.AddDays(7), PayoutTerms.NotAgreed, SampleTime),
            new Dictionary<string, string>
            {
                ["currency"] = "Lower-case ISO 4217 code.",
                ["frequency"] = "weekly or monthly.",
                ["minimumAmount"] = $"Below this, a due date passes without a payout, {MinorUnits}.",
                ["nextDueAt"] = "When it next pays out what is available (ISO 8601).",
                ["setAsideReason"] = "Why its latest due date paid nothing though enough was available (no Stripe account able to receive it, or the listeners' terms not agreed), in words a manager can act on; null once a later date pays or has nothing to pay.",
                ["setAsideAt"] = "When that due date was set aside (ISO 8601); otherwise null.",
            }),
        [typeof(ListPayoutsAwaitingApproval.Item)] = new(
            "A payout waiting for finance.",
            new ListPayoutsAwaitingApproval.Item(SamplePayout with { Status = "awaiting_approval", FinishedAt = null, TransferId = null }, "KEXP", "kexp-fm", false),
            new Dictionary<string, string>
            {
                ["payout"] = "The payout.",
                ["stationName"] = "The station's name.",
                ["stationSlug"] = Slug,
                ["requestedByYou"] = "true when the signed-in user requested it, and so cannot decide on it.",
            }),
        [typeof(FinanceIntegrityApi.IntegrityReport)] = new(
            "The result of proving the books.",
            new FinanceIntegrityApi.IntegrityReport(false, ["Position 42: entry 019a3c1e-7b2d-7c4e-8f10-2a3b4c5d6e7f (payment:pi_3Nv0dQ) or one of its postings was changed after it was sealed 2026-03-01 14:31:00Z."], 1200, 1200, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
            new Dictionary<string, string>
            {
                ["ok"] = "true when no problem was found.",
                ["problems"] = "Each problem found, in words: an entry that does not balance, a balance or running balance that differs from its postings, an overdrawn escrow, a broken hash chain (with its position).",
                ["entriesChecked"] = "How many journal entries were read.",
                ["entriesSealed"] = "How many entries the hash chain seals (the newest are sealed within a minute of posting).",
                ["chainHead"] = "The last seal's SHA-256, lower-case hex: noted outside the database, it proves later that nothing sealed before it was rewritten; null before the first seal.",
            }),
        [typeof(PayoutFrequency)] = new("How often a schedule pays out: weekly or monthly.", PayoutFrequency.Monthly, new Dictionary<string, string>()),
        [typeof(ProblemDetails)] = new(
            "An error, as RFC 9457 problem+json.",
            new ProblemDetails { Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5", Title = "Station not found.", Status = 404, Detail = "There is no station 'nope'." },
            ProblemFields()),
        [typeof(HttpValidationProblemDetails)] = new(
            "A request with invalid fields, as RFC 9457 problem+json, naming each field.",
            new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["amount"] = ["'Amount' must be between 100 and 1000000 (in cents)."] })
            {
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1", Title = "One or more fields are invalid.", Status = 400,
            },
            new Dictionary<string, string>(ProblemFields()) { ["errors"] = "The messages for each invalid field, by its name in the request (Idempotency-Key for the header)." }),
        [typeof(RegisterRequest)] = new(
            "A new listener account.",
            new RegisterRequest { Email = "listener@example.org", Password = "a long passphrase of your own" },
            new Dictionary<string, string>
            {
                ["email"] = "The account's address; a confirmation link is mailed to it.",
                ["password"] = "At least 12 characters, no control characters, and not a common or leaked password.",
            }),
        [typeof(LoginRequest)] = new(
            "Credentials to sign in with.",
            new LoginRequest { Email = "listener@example.org", Password = "a long passphrase of your own", TwoFactorCode = "123456" },
            new Dictionary<string, string>
            {
                ["email"] = "The account's address.",
                ["password"] = "The account's password.",
                ["twoFactorCode"] = "The authenticator app's current code, for an account with two-factor authentication (staff must have it).",
                ["twoFactorRecoveryCode"] = "A recovery code, instead of twoFactorCode.",
            }),
        [typeof(AccessTokenResponse)] = new(
            "Bearer tokens for the API.",
            new AccessTokenResponse { AccessToken = "CfDJ8Aa1Bb2", ExpiresIn = 3600, RefreshToken = "CfDJ8Cc3Dd4" },
            new Dictionary<string, string>
            {
                ["tokenType"] = "Always Bearer.",
                ["accessToken"] = "Send as Authorization: Bearer <accessToken>.",
                ["expiresIn"] = "Seconds until the access token expires.",
                ["refreshToken"] = "Exchange at POST /api/v1/identity/refresh for new tokens.",
            }),
        [typeof(RefreshRequest)] = new(
            "A refresh token to exchange.",
            new RefreshRequest { RefreshToken = "CfDJ8Cc3Dd4" },
            new Dictionary<string, string> { ["refreshToken"] = "The refreshToken from sign-in or the last refresh." }),
        [typeof(ResendConfirmationEmailRequest)] = new(
            "An address to send the confirmation link to again.",
            new ResendConfirmationEmailRequest { Email = "listener@example.org" },
            new Dictionary<string, string> { ["email"] = "The account's address; the answer is the same whether it has an account or not." }),
        [typeof(ForgotPasswordRequest)] = new(
            "An address to send a password reset code to.",
            new ForgotPasswordRequest { Email = "listener@example.org" },
            new Dictionary<string, string> { ["email"] = "The account's address; the answer is the same whether it has an account or not." }),
        [typeof(ResetPasswordRequest)] = new(
            "A new password, with the reset code from the mail.",
            new ResetPasswordRequest { Email = "listener@example.org", ResetCode = "Q2ZESjhBTUFBQUFBQUFB", NewPassword = "another long passphrase" },
            new Dictionary<string, string>
            {
                ["email"] = "The account's address.",
                ["resetCode"] = "The code from the reset mail.",
                ["newPassword"] = "At least 12 characters, no control characters, and not a common or leaked password.",
            }),
        [typeof(TwoFactorRequest)] = new(
            "A change to the signed-in account's two-factor authentication; an empty object only reads its state.",
            new TwoFactorRequest { Enable = true, TwoFactorCode = "123456" },
            new Dictionary<string, string>
            {
                ["enable"] = "true to turn two-factor on (with twoFactorCode), false to turn it off.",
                ["twoFactorCode"] = "The authenticator app's current code, to turn two-factor on.",
                ["resetSharedKey"] = "true: make a new authenticator key (turns two-factor off until confirmed again).",
                ["resetRecoveryCodes"] = "true: make new recovery codes.",
                ["forgetMachine"] = "true: ask for a code again on this browser.",
            }),
        [typeof(TwoFactorResponse)] = new(
            "The signed-in account's two-factor authentication.",
            new TwoFactorResponse { SharedKey = "JBSWY3DPEHPK3PXP", RecoveryCodesLeft = 10, RecoveryCodes = ["8f3k2-9d7x1"], IsTwoFactorEnabled = true, IsMachineRemembered = false },
            new Dictionary<string, string>
            {
                ["sharedKey"] = "The key to enter in an authenticator app.",
                ["recoveryCodesLeft"] = "How many unused recovery codes remain.",
                ["recoveryCodes"] = "New recovery codes, only when just made; null otherwise.",
                ["isTwoFactorEnabled"] = "Whether sign-in asks for a code.",
                ["isMachineRemembered"] = "Whether this browser is remembered and skips the code.",
            }),
        [typeof(InfoRequest)] = new(
            "A change to the signed-in account's address or password.",
            new InfoRequest { NewEmail = "new-address@example.org", NewPassword = "another long passphrase", OldPassword = "a long passphrase of your own" },
            new Dictionary<string, string>
            {
                ["newEmail"] = "A new address; a confirmation link is mailed to it, and it applies once confirmed.",
                ["newPassword"] = "A new password (needs oldPassword).",
                ["oldPassword"] = "The current password.",
            }),
        [typeof(InfoResponse)] = new(
            "The signed-in account.",
            new InfoResponse { Email = "listener@example.org", IsEmailConfirmed = true },
            new Dictionary<string, string>
            {
                ["email"] = "The account's address.",
                ["isEmailConfirmed"] = "Whether the address is confirmed.",
            }),
    };

    /// <summary>Puts the words and examples on the document's schemas, named as <paramref name="schemaName"/> names them.</summary>
    public static void Describe(OpenApiDocument document, Func<Type, string?> schemaName, JsonSerializerOptions json)
    {
        var components = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var (type, words) in Schemas)
        {
            if (schemaName(type) is not { } name || !components.TryGetValue(name, out var found) || found is not OpenApiSchema schema)
            {
                continue;
            }

            var sample = JsonSerializer.SerializeToNode(words.Sample, type, json);
            schema.Description = words.Description;
            schema.Examples = [sample!];
            foreach (var (field, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                DescribeField(property, words.Fields.GetValueOrDefault(field), (sample as JsonObject)?[field]);
            }

            if (words.Required is { } required)
            {
                schema.Required = new HashSet<string>(required);
                foreach (var field in required)
                {
                    schema.Properties![field] = NotNull(schema.Properties[field]);
                }
            }
        }
    }

    private static void DescribeField(IOpenApiSchema property, string? description, JsonNode? example)
    {
        switch (property)
        {
            case OpenApiSchemaReference reference:
                reference.Description = description;
                break;
            case OpenApiSchema field:
                field.Description = description;
                field.Examples = example is null ? null : [example.DeepClone()];
                break;
        }
    }

    /// <summary>A required field's schema without its null: a plain type loses the null type, a nullable reference (oneOf null or $ref) becomes the reference.</summary>
    private static IOpenApiSchema NotNull(IOpenApiSchema field)
    {
        switch (field)
        {
            case OpenApiSchema { OneOf: [OpenApiSchema { Type: JsonSchemaType.Null }, OpenApiSchemaReference reference] } nullable:
                reference.Description = nullable.Description;
                return reference;
            case OpenApiSchema { Type: { } type } plain:
                plain.Type = type & ~JsonSchemaType.Null;
                return plain;
            default:
                return field;
        }
    }

    private static Dictionary<string, string> StationFields() => new()
    {
        ["slug"] = Slug,
        ["name"] = "The station's name.",
        ["callSign"] = "Its call sign, with its band.",
        ["frequency"] = "Where it is on the dial.",
        ["city"] = "Its city.",
        ["state"] = "Its US state, as a two-letter code.",
        ["website"] = "Its website, if known.",
        ["claimed"] = "Whether the station has claimed its escrow and can be paid out.",
    };

    private static Dictionary<string, string> ClaimFields() => new()
    {
        ["id"] = "The claim's id.",
        ["status"] = ClaimStatusWords,
        ["station"] = Slug,
        ["stationName"] = "The station's name.",
        ["callSign"] = "The station's call sign.",
        ["email"] = "The address at the station's domain given as evidence.",
        ["phone"] = "The phone number given as evidence.",
        ["note"] = "The claimant's note; empty when none.",
        ["submittedAt"] = "When the claim was submitted (ISO 8601).",
        ["emailConfirmedAt"] = "When the link mailed to the address was followed; null until then.",
        ["decidedAt"] = "When an admin approved or rejected it; null while open.",
        ["decisionReason"] = "Why it was rejected; null otherwise.",
    };

    private static Dictionary<string, string> ProblemFields() => new()
    {
        ["type"] = "A URI for the kind of error (the HTTP status's section of RFC 9110).",
        ["title"] = "What went wrong, in words for a person.",
        ["status"] = "The HTTP status code.",
        ["detail"] = "More about this occurrence, when there is more to say.",
        ["instance"] = "The request the error is about, when given.",
    };
}
