using System.Net;
using System.Text.RegularExpressions;
using Stripe;

namespace EmanciPay.StripeEmulator.Tests;

/// <summary>The Connect steps tests share: an Express account, its onboarding as a manager's browser does it, a funded platform.</summary>
public static partial class ConnectSteps
{
    public const string ReturnUrl = "https://app.example/stations/wfmu/connect/return";
    public const string RefreshUrl = "https://app.example/stations/wfmu/connect/refresh";

    public static Task<Account> CreateAccountAsync(this EmulatorHost host, RequestOptions? request = null) =>
        new AccountService(host.Stripe).CreateAsync(AccountOptions(), request);

    public static AccountCreateOptions AccountOptions() => new()
    {
        Type = "express",
        Country = "US",
        Email = "manager@wfmu.example",
        Capabilities = new AccountCapabilitiesOptions { Transfers = new AccountCapabilitiesTransfersOptions { Requested = true } },
        BusinessProfile = new AccountBusinessProfileOptions { Name = "WFMU", Url = "https://wfmu.example" },
        Metadata = new Dictionary<string, string> { ["station_id"] = "station-wfmu" },
    };

    public static Task<AccountLink> CreateLinkAsync(this EmulatorHost host, string accountId) =>
        new AccountLinkService(host.Stripe).CreateAsync(new AccountLinkCreateOptions
        {
            Account = accountId, RefreshUrl = RefreshUrl, ReturnUrl = ReturnUrl, Type = "account_onboarding",
        });

    /// <summary>Opens the link's page as a browser does: its status, its HTML and the form key it carries (null on an expired page).</summary>
    public static async Task<(HttpStatusCode Status, string Html, string? FormKey)> OpenAsync(this EmulatorHost host, AccountLink link)
    {
        using var response = await host.Browser.GetAsync(new Uri(link.Url).PathAndQuery);
        var html = await response.Content.ReadAsStringAsync();
        var key = FormKey().Match(html);
        return (response.StatusCode, html, key.Success ? key.Groups[1].Value : null);
    }

    public static Task<HttpResponseMessage> SubmitAsync(this EmulatorHost host, AccountLink link, string? formKey, string action, bool acceptTerms = true) =>
        host.Browser.PostAsync(new Uri(link.Url).PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["form_key"] = formKey ?? "",
            ["action"] = action,
            ["business_type"] = "non_profit",
            ["first_name"] = "Jenny",
            ["last_name"] = "Rosen",
            ["routing_number"] = "110000000",
            ["account_number"] = "000123456789",
            ["accept_tos"] = acceptTerms ? "on" : "",
        }));

    /// <summary>An Express account whose manager completed onboarding: it can take transfers.</summary>
    public static async Task<Account> OnboardedAccountAsync(this EmulatorHost host)
    {
        var account = await host.CreateAccountAsync();
        var link = await host.CreateLinkAsync(account.Id);
        var (_, _, key) = await host.OpenAsync(link);
        using var done = await host.SubmitAsync(link, key, "complete");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        return await new AccountService(host.Stripe).GetAsync(account.Id);
    }

    /// <summary>A listener pays <paramref name="amount"/> with 4242: the platform's available balance grows by its net.</summary>
    public static async Task<long> FundPlatformAsync(this EmulatorHost host, long amount)
    {
        var session = await host.CreateSessionAsync(amount);
        using var paid = await host.PayAsync(session, "4242424242424242");
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        return host.Emulator.AvailableBalance("usd");
    }

    [GeneratedRegex("name=\"form_key\" value=\"([^\"]+)\"")]
    private static partial Regex FormKey();
}
