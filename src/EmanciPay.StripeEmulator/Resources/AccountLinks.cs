using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator;

/// <summary>An account link opened on the hosted onboarding page: what the page shows and where it sends the manager.</summary>
public sealed record OnboardingVisit(string AccountId, string? Email, string? BusinessName, string FormKey, string ReturnUrl);

/// <summary>What the manager entered on the onboarding page; the emulator keeps only what an account shows.</summary>
public sealed record OnboardingForm(string FormKey, bool Complete, string? BusinessType, string? Ip, string? UserAgent);

/// <summary>
/// Account links (<c>POST /v1/account_links</c>): a URL to the hosted onboarding page, valid for five minutes and for
/// one visit, as at Stripe. A used or expired link sends the manager to its <c>refresh_url</c> for a new one.
/// </summary>
public sealed partial class StripeEmulator
{
    /// <summary>How long an account link can be opened, as at Stripe.</summary>
    public static readonly TimeSpan AccountLinkLifetime = TimeSpan.FromMinutes(5);

    /// <summary>How long an opened onboarding page can still be submitted.</summary>
    public static readonly TimeSpan OnboardingVisitLifetime = TimeSpan.FromHours(1);

    internal static readonly Parameters CreateAccountLinkParameters = Parameters.Operation(
        ("account", Parameters.Value),
        ("refresh_url", Parameters.Value),
        ("return_url", Parameters.Value),
        ("type", Parameters.Value),
        ("collect", Parameters.Value),
        ("collection_options", Parameters.Hash(("fields", Parameters.Value), ("future_requirements", Parameters.Value))));

    // By the link's secret token: an account link has no id at Stripe, only its URL.
    private readonly Dictionary<string, AccountLinkState> accountLinks = new(StringComparer.Ordinal);

    public JsonObject CreateAccountLink(JsonObject p, string publicBaseUrl)
    {
        var accountId = Parameters.Text(p, "account") ?? throw StripeApiException.Missing("account");
        var type = Parameters.Text(p, "type") ?? throw StripeApiException.Missing("type");
        if (type is not ("account_onboarding" or "account_update"))
        {
            throw StripeApiException.Invalid("type", $"Invalid type: must be one of account_onboarding or account_update, not '{type}'.");
        }

        if (type == "account_update")
        {
            throw StripeApiException.Invalid("type", "You cannot create `account_update` type Account Links for Express accounts.");
        }

        var refreshUrl = Parameters.Url(p, "refresh_url") ?? throw StripeApiException.Missing("refresh_url");
        var returnUrl = Parameters.Url(p, "return_url") ?? throw StripeApiException.Missing("return_url");
        lock (gate)
        {
            if (!objects.TryGetValue(accountId, out var account) || (string?)account["object"] != "account")
            {
                throw new StripeApiException(400, "invalid_request_error", $"No such account: '{accountId}'", "resource_missing", "account");
            }

            var token = RandomNumberGenerator.GetString(IdAlphabet, 32);
            var now = clock.GetUtcNow();
            accountLinks[token] = new AccountLinkState(accountId, refreshUrl, returnUrl, now + AccountLinkLifetime);
            return new JsonObject
            {
                ["object"] = "account_link",
                ["created"] = now.ToUnixTimeSeconds(),
                ["expires_at"] = (now + AccountLinkLifetime).ToUnixTimeSeconds(),
                ["url"] = $"{publicBaseUrl.TrimEnd('/')}/connect/{token}",
            };
        }
    }

    /// <summary>
    /// Opens a link on the hosted page, once: a fresh link becomes a visit whose form can be submitted; a link already
    /// opened, or past its five minutes, gives null and the <paramref name="refreshUrl"/> to send the manager to.
    /// </summary>
    public OnboardingVisit? OpenAccountLink(string token, out string? refreshUrl)
    {
        lock (gate)
        {
            refreshUrl = null;
            if (!accountLinks.TryGetValue(token, out var link))
            {
                return null;
            }

            refreshUrl = link.RefreshUrl;
            var now = clock.GetUtcNow();
            if (link.OpenedAt is not null || now >= link.ExpiresAt)
            {
                return null;
            }

            link.OpenedAt = now;
            link.FormKey = RandomNumberGenerator.GetString(IdAlphabet, 24);
            var account = objects[link.AccountId];
            return new OnboardingVisit(link.AccountId, (string?)account["email"], (string?)account["business_profile"]?["name"], link.FormKey, link.ReturnUrl);
        }
    }

    /// <summary>
    /// The visit an onboarding form was sent from, while it can still be submitted; null for an unknown link, a wrong
    /// form key, a visit already submitted or left open too long (then <paramref name="refreshUrl"/> says where to go).
    /// </summary>
    public OnboardingVisit? FindOnboardingVisit(string token, string formKey, out string? refreshUrl)
    {
        lock (gate)
        {
            var link = OpenVisit(token, formKey, out refreshUrl);
            if (link is null)
            {
                return null;
            }

            var account = objects[link.AccountId];
            return new OnboardingVisit(link.AccountId, (string?)account["email"], (string?)account["business_profile"]?["name"], formKey, link.ReturnUrl);
        }
    }

    /// <summary>
    /// Submits the onboarding form of an opened link, once: updates the account, emits <c>account.updated</c> and gives
    /// the return URL; null when <see cref="FindOnboardingVisit"/> would find no visit.
    /// </summary>
    public string? SubmitOnboarding(string token, OnboardingForm form, out string? refreshUrl)
    {
        lock (gate)
        {
            var link = OpenVisit(token, form.FormKey, out refreshUrl);
            if (link is null)
            {
                return null;
            }

            link.Submitted = true;
            Onboard(objects[link.AccountId], form.Complete, form.Ip, form.UserAgent, form.BusinessType);
            return link.ReturnUrl;
        }
    }

    private AccountLinkState? OpenVisit(string token, string formKey, out string? refreshUrl)
    {
        refreshUrl = null;
        if (!accountLinks.TryGetValue(token, out var link))
        {
            return null;
        }

        refreshUrl = link.RefreshUrl;
        var stillOpen = link.OpenedAt is { } opened && !link.Submitted && clock.GetUtcNow() - opened <= OnboardingVisitLifetime;
        return stillOpen && link.FormKey is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(link.FormKey), System.Text.Encoding.UTF8.GetBytes(formKey)) ? link : null;
    }

    private sealed class AccountLinkState(string accountId, string refreshUrl, string returnUrl, DateTimeOffset expiresAt)
    {
        public string AccountId { get; } = accountId;

        public string RefreshUrl { get; } = refreshUrl;

        public string ReturnUrl { get; } = returnUrl;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public DateTimeOffset? OpenedAt { get; set; }

        public string? FormKey { get; set; }

        public bool Submitted { get; set; }
    }
}
