using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator;

/// <summary>
/// Connect Express accounts: <c>POST /v1/accounts</c>, <c>GET /v1/accounts/{id}</c>, <c>GET /v1/accounts</c>. A new
/// account can take no transfer until its owner completes onboarding on the hosted page an account link leads to
/// (AccountLinks.cs); <see cref="RequireMore"/> lets a test make Stripe ask for more afterwards.
/// </summary>
public sealed partial class StripeEmulator
{
    internal static readonly Parameters CreateAccountParameters = Parameters.Operation(
        ("type", Parameters.Value),
        ("country", Parameters.Value),
        ("email", Parameters.Value),
        ("business_type", Parameters.Value),
        ("default_currency", Parameters.Value),
        ("capabilities", Parameters.Hash(
            ("transfers", Parameters.Hash(("requested", Parameters.Value))),
            ("card_payments", Parameters.Hash(("requested", Parameters.Value))))),
        ("business_profile", Parameters.Hash(
            ("name", Parameters.Value),
            ("url", Parameters.Value),
            ("mcc", Parameters.Value),
            ("product_description", Parameters.Value),
            ("support_email", Parameters.Value),
            ("support_phone", Parameters.Value),
            ("support_url", Parameters.Value))),
        ("metadata", Parameters.Map));

    internal static readonly Parameters RetrieveAccountParameters = Parameters.Operation();

    internal static readonly Parameters ListAccountsParameters = Parameters.Operation([("created", ListPage.Created), .. ListPage.PageParameters]);

    // What Stripe's Express onboarding asks of a US individual, as requirements.currently_due names it (sorted, as Stripe's are).
    private static readonly string[] ExpressRequirements =
    [
        "business_profile.mcc", "business_profile.url", "business_type", "external_account",
        "individual.address.city", "individual.address.line1", "individual.address.postal_code", "individual.address.state",
        "individual.dob.day", "individual.dob.month", "individual.dob.year", "individual.email", "individual.first_name",
        "individual.last_name", "individual.phone", "individual.ssn_last_4", "tos_acceptance.date", "tos_acceptance.ip",
    ];

    public JsonObject CreateAccount(JsonObject p)
    {
        var type = Parameters.Text(p, "type") ?? throw StripeApiException.Missing("type");
        if (type != "express")
        {
            throw StripeApiException.Invalid("type", $"The emulator serves Express accounts only (type 'express'), not '{type}'.");
        }

        var country = (Parameters.Text(p, "country") ?? "US").ToUpperInvariant();
        var businessType = Parameters.Text(p, "business_type");
        if (businessType is not (null or "individual" or "company" or "non_profit" or "government_entity"))
        {
            throw StripeApiException.Invalid("business_type", $"Invalid business_type: must be one of company, government_entity, individual, or non_profit, not '{businessType}'.");
        }

        var profile = p["business_profile"] as JsonObject ?? [];
        var capabilities = new JsonObject();
        foreach (var (name, requested) in p["capabilities"] as JsonObject ?? [])
        {
            if (Parameters.Boolean(requested as JsonObject ?? [], "requested"))
            {
                capabilities[name] = "inactive";
            }
        }

        lock (gate)
        {
            var account = Store("acct", "account");
            account.Remove("livemode"); // Stripe's spec gives an account no livemode.
            account["business_profile"] = new JsonObject
            {
                ["annual_revenue"] = null,
                ["estimated_worker_count"] = null,
                ["mcc"] = Parameters.Text(profile, "mcc"),
                ["minority_owned_business_designation"] = null,
                ["name"] = Parameters.Text(profile, "name"),
                ["product_description"] = Parameters.Text(profile, "product_description"),
                ["support_address"] = null,
                ["support_email"] = Parameters.Text(profile, "support_email"),
                ["support_phone"] = Parameters.Text(profile, "support_phone"),
                ["support_url"] = Parameters.Text(profile, "support_url"),
                ["url"] = Parameters.Url(profile, "url"),
            };
            account["business_type"] = businessType;
            account["capabilities"] = capabilities;
            account["charges_enabled"] = false;
            account["controller"] = new JsonObject
            {
                ["fees"] = new JsonObject { ["payer"] = "application_express" },
                ["is_controller"] = true,
                ["losses"] = new JsonObject { ["payments"] = "application" },
                ["requirement_collection"] = "stripe",
                ["stripe_dashboard"] = new JsonObject { ["type"] = "express" },
                ["type"] = "application",
            };
            account["country"] = country;
            account["default_currency"] = (Parameters.Text(p, "default_currency") ?? "usd").ToLowerInvariant();
            account["details_submitted"] = false;
            account["email"] = Parameters.Text(p, "email");
            account["external_accounts"] = new JsonObject
            {
                ["object"] = "list", ["data"] = new JsonArray(), ["has_more"] = false, ["url"] = $"/v1/accounts/{account["id"]}/external_accounts",
            };
            account["future_requirements"] = Requirements([], null);
            account["metadata"] = Parameters.Metadata(p);
            account["payouts_enabled"] = false;
            var due = ExpressRequirements
                .Where(r => !(r == "business_type" && businessType is not null))
                .Where(r => !(r.StartsWith("business_profile.", StringComparison.Ordinal) && Parameters.Text(profile, r["business_profile.".Length..]) is not null))
                .ToArray();
            account["requirements"] = Requirements(due, "requirements.past_due");
            account["settings"] = new JsonObject
            {
                ["branding"] = new JsonObject { ["icon"] = null, ["logo"] = null, ["primary_color"] = null, ["secondary_color"] = null },
                ["card_payments"] = new JsonObject { ["decline_on"] = new JsonObject { ["avs_failure"] = false, ["cvc_failure"] = false }, ["statement_descriptor_prefix"] = null },
                ["dashboard"] = new JsonObject { ["display_name"] = Parameters.Text(profile, "name"), ["timezone"] = "Etc/UTC" },
                ["payments"] = new JsonObject { ["statement_descriptor"] = null },
                ["payouts"] = new JsonObject
                {
                    ["debit_negative_balances"] = true,
                    ["schedule"] = new JsonObject { ["delay_days"] = 2L, ["interval"] = "daily" },
                    ["statement_descriptor"] = null,
                },
            };
            account["tos_acceptance"] = new JsonObject { ["date"] = null, ["ip"] = null, ["user_agent"] = null };
            account["type"] = type;
            return Public(account);
        }
    }

    /// <summary>The platform's connected accounts, newest first, as <c>GET /v1/accounts</c>.</summary>
    public JsonObject ListAccounts(JsonObject p)
    {
        lock (gate)
        {
            return ListPage.Of(p, "/v1/accounts", NewestFirst("account"), account => ListPage.CreatedWithin(p, (long)account["created"]!), Public);
        }
    }

    /// <summary>
    /// Test control: Stripe asks the account for more, as when a verification fails or a threshold is crossed. The
    /// fields become currently due; with a <paramref name="disabledReason"/> payouts (and charges) stop until they are
    /// provided through a new onboarding link. Emits <c>account.updated</c>, as Stripe does.
    /// </summary>
    public void RequireMore(string accountId, IReadOnlyList<string> currentlyDue, string? disabledReason)
    {
        lock (gate)
        {
            if (!objects.TryGetValue(accountId, out var account) || (string?)account["object"] != "account")
            {
                throw new ArgumentException($"No such account: '{accountId}'", nameof(accountId));
            }

            account["requirements"] = Requirements([.. currentlyDue], disabledReason);
            if (disabledReason is not null)
            {
                account["payouts_enabled"] = false;
                account["charges_enabled"] = false;
            }

            Emit("account.updated", account, connectedAccount: accountId);
        }
    }

    /// <summary>
    /// Onboarding submitted on the hosted page: complete, every requirement met and the account enabled; or left for
    /// later with the bank account and the terms still due, as when a manager stops half-way.
    /// </summary>
    private void Onboard(JsonObject account, bool complete, string? ip, string? userAgent, string? businessType)
    {
        account["business_type"] = businessType ?? (string?)account["business_type"] ?? "individual";
        if (complete)
        {
            account["requirements"] = Requirements([], null);
            account["details_submitted"] = true;
            account["charges_enabled"] = true;
            account["payouts_enabled"] = true;
            account["tos_acceptance"] = new JsonObject { ["date"] = Now(), ["ip"] = ip ?? "127.0.0.1", ["user_agent"] = userAgent };
            var capabilities = (JsonObject)account["capabilities"]!;
            foreach (var name in capabilities.Select(c => c.Key).ToList())
            {
                capabilities[name] = "active";
                Emit("capability.updated", Capability(account, name), connectedAccount: (string)account["id"]!);
            }
        }
        else
        {
            account["requirements"] = Requirements(["external_account", "tos_acceptance.date", "tos_acceptance.ip"], "requirements.past_due");
        }

        Emit("account.updated", account, connectedAccount: (string)account["id"]!);
    }

    // A capability is not stored on its own: it is the account's, as GET /v1/accounts/{id}/capabilities/{name} would show it.
    private static JsonObject Capability(JsonObject account, string name) => new()
    {
        ["id"] = name,
        ["object"] = "capability",
        ["account"] = (string?)account["id"],
        ["future_requirements"] = Requirements([], null),
        ["requested"] = true,
        ["requested_at"] = account["created"]?.DeepClone(),
        ["requirements"] = Requirements([], null),
        ["status"] = (string?)account["capabilities"]?[name],
    };

    private static JsonObject Requirements(string[] due, string? disabledReason) => new()
    {
        ["alternatives"] = new JsonArray(),
        ["current_deadline"] = null,
        ["currently_due"] = new JsonArray(due.Select(d => (JsonNode)JsonValue.Create(d)).ToArray()),
        ["disabled_reason"] = disabledReason,
        ["errors"] = new JsonArray(),
        ["eventually_due"] = new JsonArray(due.Select(d => (JsonNode)JsonValue.Create(d)).ToArray()),
        ["past_due"] = new JsonArray(due.Select(d => (JsonNode)JsonValue.Create(d)).ToArray()),
        ["pending_verification"] = new JsonArray(),
    };
}
