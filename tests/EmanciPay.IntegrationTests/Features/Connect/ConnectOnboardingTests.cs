using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Stations;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Recipients;
using EmanciPay.IntegrationTests.Support;
using EmanciPay.StripeEmulator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Connect;

/// <summary>
/// A claimed station's manager onboards with Stripe Connect through the emulator's hosted page, as a browser does
/// (HTTP form posts); Stripe's events and the return page bring our record of the account in line.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class ConnectOnboardingTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private const string Manager = "manager@wfmu.example";

    private PledgeKit Kit { get; } = new(fixture);

    [Fact]
    public async Task A_manager_onboards_through_stripes_page_and_the_portal_shows_payouts_enabled()
    {
        var manager = await ClaimedStationManagerAsync();

        var before = await manager.GetStringAsync("/manage/wfmu/connect");
        var start = await Accounts.PostFormAsync(manager, "/manage/wfmu/connect", []);
        var (formKey, _) = await OpenLinkAsync(manager, start.Headers.Location!);
        var done = await SubmitOnboardingAsync(manager, start.Headers.Location!, formKey!, "complete");
        var back = await manager.GetAsync(done.Headers.Location!.PathAndQuery);
        var page = await back.Content.ReadAsStringAsync();
        await App.StripeEventsProcessedAsync();

        Assert.Contains("has not started onboarding", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.StartsWith("/stripe-emulator/connect/", start.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, "/manage/wfmu/connect/return"), (done.StatusCode, done.Headers.Location.AbsolutePath));
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Contains("Payouts are enabled.", page, StringComparison.Ordinal);
        Assert.Contains("Onboarding is complete", page, StringComparison.Ordinal);
        var account = await AccountAsync();
        Assert.Equal((true, true, "", null), (account.PayoutsEnabled, account.DetailsSubmitted, account.CurrentlyDue, account.DisabledReason));
        Assert.Equal((await Kit.RecipientIdAsync("wfmu")).ToString(), (string?)App.Factory.Emulator.Retrieve(account.StripeAccountId, "account", [])["metadata"]!["station_id"]);
        var events = await EventsAsync();
        Assert.Contains(events, e => e is { Type: "account.updated", Status: StripeEventStatus.Processed });
        Assert.Contains(events, e => e is { Type: "capability.updated", Status: StripeEventStatus.Processed });
    }

    [Fact]
    public async Task Leaving_onboarding_half_way_shows_what_stripe_still_needs_in_plain_words_and_continuing_makes_a_new_link()
    {
        var manager = await ClaimedStationManagerAsync();

        var start = await Accounts.PostFormAsync(manager, "/manage/wfmu/connect", []);
        var (formKey, _) = await OpenLinkAsync(manager, start.Headers.Location!);
        var later = await SubmitOnboardingAsync(manager, start.Headers.Location!, formKey!, "later");
        var page = await manager.GetStringAsync(later.Headers.Location!.PathAndQuery);
        var again = await Accounts.PostFormAsync(manager, "/manage/wfmu/connect", []);

        Assert.Contains("Payouts are not enabled yet.", page, StringComparison.Ordinal);
        Assert.Contains("Stripe needs more information before it can pay this station out.", page, StringComparison.Ordinal);
        Assert.Contains("A bank account to receive payouts", page, StringComparison.Ordinal);
        Assert.Single(AllMatches(page, "Acceptance of Stripe&#x27;s Connected Account Agreement"));
        Assert.Contains("Continue onboarding with Stripe", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.NotEqual(start.Headers.Location, again.Headers.Location);
        Assert.Equal(1, await Kit.CountAsync<ConnectedAccount>());
    }

    [Fact]
    public async Task The_refresh_url_makes_a_new_link_for_the_same_account_and_a_used_link_is_refused_by_stripe()
    {
        var manager = await ClaimedStationManagerAsync();
        var start = await Accounts.PostFormAsync(manager, "/manage/wfmu/connect", []);
        var (firstKey, _) = await OpenLinkAsync(manager, start.Headers.Location!);

        var (reusedKey, reusedPage) = await OpenLinkAsync(manager, start.Headers.Location!);
        var refresh = await manager.GetAsync("/manage/wfmu/connect/refresh");
        var (freshKey, _) = await OpenLinkAsync(manager, refresh.Headers.Location!);

        Assert.NotNull(firstKey);
        Assert.Null(reusedKey);
        Assert.Contains("This onboarding link has expired", reusedPage, StringComparison.Ordinal);
        Assert.Contains("/manage/wfmu/connect/refresh\"", reusedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, refresh.StatusCode);
        Assert.NotEqual(start.Headers.Location, refresh.Headers.Location);
        Assert.NotNull(freshKey);
        Assert.Equal(1, await Kit.CountAsync<ConnectedAccount>());
        Assert.Equal(1, await StripeAccountCountAsync());
    }

    [Fact]
    public async Task Two_clicks_at_once_open_one_account_at_stripe_and_one_in_our_books()
    {
        var manager = await ClaimedStationManagerAsync();
        var token = await AntiforgeryAsync(manager);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostConnectAsync(manager, token)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var urls = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()));
        Assert.Equal(4, urls.Distinct().Count());
        Assert.Equal(1, await Kit.CountAsync<ConnectedAccount>());
        Assert.Equal(1, await StripeAccountCountAsync());
    }

    [Fact]
    public async Task An_older_account_updated_arriving_late_changes_nothing_and_stripe_asking_for_more_is_shown()
    {
        var manager = await ClaimedStationManagerAsync();
        var accountId = await OnboardAsync(manager);
        var onboarded = App.Factory.Emulator.Retrieve(accountId, "account", []);
        var stale = (JsonObject)onboarded.DeepClone();
        stale["payouts_enabled"] = false;
        stale["requirements"]!["currently_due"] = new JsonArray("external_account");
        stale["requirements"]!["disabled_reason"] = "requirements.past_due";

        var late = await DeliverAsync("evt_test_stale_account", accountId, stale, DateTimeOffset.UtcNow.AddHours(-1));
        await App.StripeEventsProcessedAsync();
        var afterStale = await AccountAsync();
        App.Factory.Emulator.RequireMore(accountId, ["individual.verification.document", "company.structure"], "requirements.past_due");
        await App.StripeEventsProcessedAsync();
        var afterMore = await AccountAsync();
        var page = await manager.GetStringAsync("/manage/wfmu/connect");

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(StripeEventStatus.Processed, (await EventsAsync()).Single(e => e.Id == "evt_test_stale_account").Status);
        Assert.True(afterStale.PayoutsEnabled);
        Assert.Equal("", afterStale.CurrentlyDue);
        Assert.False(afterMore.PayoutsEnabled);
        Assert.Equal(["individual.verification.document", "company.structure"], afterMore.CurrentlyDueFields);
        Assert.Contains("An identity document for the representative", page, StringComparison.Ordinal);
        Assert.Contains("Company structure", page, StringComparison.Ordinal);
        Assert.Contains("Payouts are not enabled yet.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_for_an_account_no_station_holds_is_set_aside_and_the_events_behind_it_go_on()
    {
        var manager = await ClaimedStationManagerAsync();
        var accountId = await OnboardAsync(manager);
        var stranger = (JsonObject)App.Factory.Emulator.Retrieve(accountId, "account", []).DeepClone();
        stranger["id"] = "acct_test_nobody";

        await DeliverAsync("evt_test_stranger", "acct_test_nobody", stranger, DateTimeOffset.UtcNow);
        App.Factory.Emulator.RequireMore(accountId, ["external_account"], null);
        await App.StripeEventsProcessedAsync();

        var setAside = (await EventsAsync()).Single(e => e.Id == "evt_test_stranger");
        Assert.Equal(StripeEventStatus.Received, setAside.Status);
        Assert.True(setAside.FailedAttempts >= 1);
        Assert.Equal(["external_account"], (await AccountAsync()).CurrentlyDueFields);
    }

    [Fact]
    public async Task The_api_answers_a_fresh_link_to_the_stations_manager_only()
    {
        await ClaimedStationAsync();
        await Kit.AddStationAsync("KEXP-FM", "KEXP");
        var manager = await Accounts.SignedInManagerAsync(App, Manager, "wfmu");
        var otherManager = await Accounts.SignedInManagerAsync(App, "manager@kexp.example", "kexp-fm");
        var listener = await Accounts.SignedInClientAsync(App, "listener@example.test", Roles.Listener);
        var anonymous = App.Factory.CreateClient(new() { AllowAutoRedirect = false });

        var own = await PostConnectAsync(manager, await AntiforgeryAsync(manager));
        var other = await PostConnectAsync(otherManager, await AntiforgeryAsync(otherManager));
        var asListener = await PostConnectAsync(listener, await AntiforgeryAsync(listener));
        var signedOut = await anonymous.PostAsync("/api/v1/stations/wfmu/connect", null);
        var unknown = await PostConnectAsync(manager, await AntiforgeryAsync(manager), "nope-fm");
        var otherPage = await otherManager.GetAsync("/manage/wfmu/connect");
        using var inBrowser = new HttpRequestMessage(HttpMethod.Get, "/manage/wfmu/connect/return") { Headers = { { "Accept", "text/html" } } };
        var otherBrowser = await otherManager.SendAsync(inBrowser);
        var listenerPage = await listener.GetAsync("/manage/wfmu/connect");
        var anonymousPage = await anonymous.GetAsync("/manage/wfmu/connect/return");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.StartsWith("http://localhost/stripe-emulator/connect/", (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Forbidden, "application/problem+json"), (other.StatusCode, other.Content.Headers.ContentType?.MediaType));
        Assert.Equal(HttpStatusCode.Forbidden, asListener.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherPage.StatusCode);
        Assert.DoesNotContain("WFMU", await otherPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith("/account/access-denied", otherBrowser.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("/account/access-denied", listenerPage.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("/account/login", anonymousPage.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(1, await Kit.CountAsync<ConnectedAccount>());
    }

    [Fact]
    public async Task An_unclaimed_station_cannot_start_onboarding_and_is_told_why_with_nothing_written()
    {
        await Kit.AddStationAsync("WFMU", "WFMU");
        var manager = await Accounts.SignedInManagerAsync(App, Manager, "wfmu");

        var api = await PostConnectAsync(manager, await AntiforgeryAsync(manager));
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        var page = await Accounts.PostFormAsync(manager, "/manage/wfmu/connect", []);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("has not claimed its escrow yet", problem.GetProperty("errors").GetProperty("station")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("has not claimed its escrow yet", html, StringComparison.Ordinal);
        Assert.Equal(0, await Kit.CountAsync<ConnectedAccount>());
        Assert.Equal(0, await StripeAccountCountAsync());
    }

    [Fact]
    public async Task When_stripe_is_down_starting_is_a_clear_502_with_nothing_half_written_and_a_retry_works()
    {
        var manager = await ClaimedStationManagerAsync();
        var token = await AntiforgeryAsync(manager);
        App.Factory.Emulator.Faults.FailNext(20, 500);

        var down = await PostConnectAsync(manager, token);
        var problem = await down.Content.ReadFromJsonAsync<JsonElement>();
        var page = await Accounts.PostFormAsync(manager, "/manage/wfmu/connect", []);
        var html = await page.Content.ReadAsStringAsync();
        var rowsWhileDown = await Kit.CountAsync<ConnectedAccount>();
        App.Factory.Emulator.Faults.Clear();
        var retry = await PostConnectAsync(manager, token);

        Assert.Equal((HttpStatusCode.BadGateway, "application/problem+json"), (down.StatusCode, down.Content.Headers.ContentType?.MediaType));
        Assert.Equal("payment_provider_unavailable", problem.GetProperty("code").GetString());
        Assert.Contains("Stripe", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadGateway, page.StatusCode);
        Assert.Contains("could not be reached", html, StringComparison.Ordinal);
        Assert.Equal(0, rowsWhileDown);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(1, await Kit.CountAsync<ConnectedAccount>());
        Assert.Equal(1, await StripeAccountCountAsync());
    }

    private async Task ClaimedStationAsync()
    {
        await App.SendAsync(new ImportStations.Command([new ImportStations.Station("WFMU", "WFMU", "91.1 FM", "Jersey City", "NJ", "https://wfmu.org")]));
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IAppDbContext>();
            (await db.Recipients.SingleAsync(r => r.Slug == "wfmu")).MarkClaimed(DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
    }

    private async Task<HttpClient> ClaimedStationManagerAsync()
    {
        await ClaimedStationAsync();
        return await Accounts.SignedInManagerAsync(App, Manager, "wfmu");
    }

    /// <summary>Onboards completely through the emulator's page; the account's Stripe id.</summary>
    private async Task<string> OnboardAsync(HttpClient manager)
    {
        var start = await Accounts.PostFormAsync(manager, "/manage/wfmu/connect", []);
        var (formKey, _) = await OpenLinkAsync(manager, start.Headers.Location!);
        var done = await SubmitOnboardingAsync(manager, start.Headers.Location!, formKey!, "complete");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        await App.StripeEventsProcessedAsync();
        return (await AccountAsync()).StripeAccountId;
    }

    private static async Task<(string? FormKey, string Html)> OpenLinkAsync(HttpClient browser, Uri link)
    {
        var html = await browser.GetStringAsync(link.PathAndQuery);
        var key = FormKey().Match(html);
        return (key.Success ? key.Groups[1].Value : null, html);
    }

    private static Task<HttpResponseMessage> SubmitOnboardingAsync(HttpClient browser, Uri link, string formKey, string action) =>
        browser.PostAsync(link.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["form_key"] = formKey, ["action"] = action, ["business_type"] = "non_profit", ["first_name"] = "Jenny", ["last_name"] = "Rosen",
            ["routing_number"] = "110000000", ["account_number"] = "000123456789", ["accept_tos"] = action == "complete" ? "on" : "",
        }));

    private static async Task<(string Header, string Token)> AntiforgeryAsync(HttpClient client)
    {
        var antiforgery = await client.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery");
        return (antiforgery.GetProperty("header").GetString()!, antiforgery.GetProperty("token").GetString()!);
    }

    private static async Task<HttpResponseMessage> PostConnectAsync(HttpClient client, (string Header, string Token) antiforgery, string slug = "wfmu")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/stations/{slug}/connect");
        request.Headers.Add(antiforgery.Header, antiforgery.Token);
        return await client.SendAsync(request);
    }

    /// <summary>Delivers an <c>account.updated</c> event of our own making, signed as Stripe signs, created at <paramref name="createdAt"/>.</summary>
    private async Task<HttpResponseMessage> DeliverAsync(string eventId, string accountId, JsonObject account, DateTimeOffset createdAt)
    {
        var payload = JsonNode.Parse(Kit.EventPayload(eventId, "account.updated", account))!.AsObject();
        payload["created"] = createdAt.ToUnixTimeSeconds();
        payload["account"] = accountId;
        var body = payload.ToJsonString();
        return await Kit.DeliverWebhookAsync(body, WebhookDispatcher.Sign(body, Kit.WebhookSecret, DateTimeOffset.UtcNow));
    }

    private Task<ConnectedAccount> AccountAsync() =>
        App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().ConnectedAccounts.AsNoTracking().SingleAsync());

    private Task<List<StripeEvent>> EventsAsync() =>
        App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().StripeEvents.AsNoTracking().ToListAsync());

    /// <summary>How many accounts the emulator (shared by every test of the app) holds for this test's WFMU.</summary>
    private async Task<int> StripeAccountCountAsync()
    {
        var stationId = (await Kit.RecipientIdAsync("wfmu")).ToString();
        return App.Factory.Emulator.ListAccounts(new JsonObject { ["limit"] = "100" })["data"]!.AsArray()
            .Count(a => (string?)a!["metadata"]!["station_id"] == stationId);
    }

    private static MatchCollection AllMatches(string html, string text) => Regex.Matches(html, Regex.Escape(text));

    [GeneratedRegex("name=\"form_key\" value=\"([^\"]+)\"")]
    private static partial Regex FormKey();
}
