using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Stripe;

namespace EmanciPay.StripeEmulator.Tests;

/// <summary>Express accounts, account links and the hosted onboarding page, as a platform and a manager's browser use them.</summary>
public sealed class ConnectOnboardingTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly EmulatorHost host;

    public ConnectOnboardingTests() => host = new EmulatorHost(clock);

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task A_new_express_account_cannot_take_payouts_and_says_what_stripe_still_requires()
    {
        var created = await host.CreateAccountAsync();
        var fetched = await new AccountService(host.Stripe).GetAsync(created.Id);

        Assert.StartsWith("acct_", created.Id, StringComparison.Ordinal);
        Assert.Equal(("express", "US", "manager@wfmu.example"), (fetched.Type, fetched.Country, fetched.Email));
        Assert.Equal((false, false, false), (fetched.DetailsSubmitted, fetched.ChargesEnabled, fetched.PayoutsEnabled));
        Assert.Equal("inactive", fetched.Capabilities.Transfers);
        Assert.Equal("requirements.past_due", fetched.Requirements.DisabledReason);
        Assert.Contains("external_account", fetched.Requirements.CurrentlyDue);
        Assert.Contains("tos_acceptance.date", fetched.Requirements.CurrentlyDue);
        Assert.Contains("individual.first_name", fetched.Requirements.CurrentlyDue);
        Assert.DoesNotContain("business_profile.url", fetched.Requirements.CurrentlyDue); // given when the account was created
        Assert.Equal(("WFMU", "station-wfmu"), (fetched.BusinessProfile.Name, fetched.Metadata["station_id"]));
    }

    [Fact]
    public async Task Accounts_and_links_refuse_what_stripe_refuses()
    {
        var standard = AccountOptionsOf("standard");
        var notExpress = await Assert.ThrowsAsync<StripeException>(() => new AccountService(host.Stripe).CreateAsync(standard));
        var (status, body) = await host.SendAsync(HttpMethod.Post, "accounts", new StringContent("type=express&capabilities[transfers][colour]=red", Encoding.UTF8, "application/x-www-form-urlencoded"));
        var noAccount = await Assert.ThrowsAsync<StripeException>(() => host.CreateLinkAsync("acct_nope"));
        var missing = await Assert.ThrowsAsync<StripeException>(() => new AccountService(host.Stripe).GetAsync("acct_nope"));

        Assert.Equal(("invalid_request_error", "type"), (notExpress.StripeError.Type, notExpress.StripeError.Param));
        Assert.Equal((HttpStatusCode.BadRequest, "parameter_unknown", "capabilities[transfers][colour]"), (status, (string?)body["error"]!["code"], (string?)body["error"]!["param"]));
        Assert.Equal((HttpStatusCode.BadRequest, "resource_missing", "account"), (noAccount.HttpStatusCode, noAccount.StripeError.Code, noAccount.StripeError.Param));
        Assert.Equal(HttpStatusCode.NotFound, missing.HttpStatusCode);
    }

    [Fact]
    public async Task Completing_onboarding_enables_the_account_emits_a_signed_account_updated_and_returns_to_the_platform()
    {
        var account = await host.CreateAccountAsync();
        var link = await host.CreateLinkAsync(account.Id);

        var (status, html, key) = await host.OpenAsync(link);
        using var done = await host.SubmitAsync(link, key, "complete");
        var onboarded = await new AccountService(host.Stripe).GetAsync(account.Id);
        var updated = (await host.EventsAsync()).Single(e => e.Type == "account.updated");

        Assert.Equal("account_link", link.Object);
        Assert.StartsWith("http://localhost/stripe/connect/", link.Url, StringComparison.Ordinal);
        Assert.Equal(link.Created.AddMinutes(5), link.ExpiresAt);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<label for=\"first_name\">First name</label>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"accept_tos\"", html, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, ConnectSteps.ReturnUrl), (done.StatusCode, done.Headers.Location?.ToString()));
        Assert.Equal((true, true, true), (onboarded.DetailsSubmitted, onboarded.ChargesEnabled, onboarded.PayoutsEnabled));
        Assert.Empty(onboarded.Requirements.CurrentlyDue);
        Assert.Null(onboarded.Requirements.DisabledReason);
        Assert.Equal("active", onboarded.Capabilities.Transfers);
        Assert.NotNull(onboarded.TosAcceptance.Date);
        Assert.Equal(account.Id, updated.Account);
        Assert.True(Assert.IsType<Account>(updated.Data.Object).PayoutsEnabled);
    }

    [Fact]
    public async Task Leaving_for_later_keeps_the_bank_account_and_terms_due_and_still_emits_account_updated()
    {
        var account = await host.CreateAccountAsync();
        var link = await host.CreateLinkAsync(account.Id);

        var (_, _, key) = await host.OpenAsync(link);
        using var later = await host.SubmitAsync(link, key, "later", acceptTerms: false);
        var partial = await new AccountService(host.Stripe).GetAsync(account.Id);
        var updated = (await host.EventsAsync()).Single(e => e.Type == "account.updated");

        Assert.Equal((HttpStatusCode.Redirect, ConnectSteps.ReturnUrl), (later.StatusCode, later.Headers.Location?.ToString()));
        Assert.Equal(["external_account", "tos_acceptance.date", "tos_acceptance.ip"], partial.Requirements.CurrentlyDue);
        Assert.Equal("requirements.past_due", partial.Requirements.DisabledReason);
        Assert.Equal((false, false), (partial.DetailsSubmitted, partial.PayoutsEnabled));
        Assert.False(Assert.IsType<Account>(updated.Data.Object).PayoutsEnabled);
    }

    [Fact]
    public async Task Completing_without_accepting_the_terms_shows_the_form_again_with_the_error_and_changes_nothing()
    {
        var account = await host.CreateAccountAsync();
        var link = await host.CreateLinkAsync(account.Id);
        var (_, _, key) = await host.OpenAsync(link);

        using var refused = await host.SubmitAsync(link, key, "complete", acceptTerms: false);
        var page = await refused.Content.ReadAsStringAsync();
        var unchanged = await new AccountService(host.Stripe).GetAsync(account.Id);
        using var corrected = await host.SubmitAsync(link, key, "complete");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("role=\"alert\"", page, StringComparison.Ordinal);
        Assert.Contains("Connected Account Agreement", page, StringComparison.Ordinal);
        Assert.False(unchanged.DetailsSubmitted);
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
    }

    [Fact]
    public async Task A_link_works_once_and_a_used_expired_or_forged_link_sends_the_manager_to_the_refresh_url()
    {
        var account = await host.CreateAccountAsync();
        var used = await host.CreateLinkAsync(account.Id);
        var (_, _, key) = await host.OpenAsync(used);

        var reopened = await host.OpenAsync(used);
        using var submitted = await host.SubmitAsync(used, key, "later");
        using var resubmitted = await host.SubmitAsync(used, key, "complete");
        var old = await host.CreateLinkAsync(account.Id);
        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var expired = await host.OpenAsync(old);
        var fresh = await host.CreateLinkAsync(account.Id);
        var (_, _, freshKey) = await host.OpenAsync(fresh);
        using var forged = await host.SubmitAsync(fresh, "not-the-key", "complete");
        var unknown = await host.Browser.GetStringAsync("/stripe/connect/no-such-token");

        Assert.NotNull(key);
        Assert.Null(reopened.FormKey);
        Assert.Contains($"href=\"{ConnectSteps.RefreshUrl}\"", reopened.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Contains("This onboarding link has expired", await resubmitted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(expired.FormKey);
        Assert.Contains($"href=\"{ConnectSteps.RefreshUrl}\"", expired.Html, StringComparison.Ordinal);
        Assert.NotNull(freshKey);
        Assert.Contains("This onboarding link has expired", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Ask the platform for a new link", unknown, StringComparison.Ordinal);
        Assert.False((await new AccountService(host.Stripe).GetAsync(account.Id)).DetailsSubmitted);
    }

    [Fact]
    public async Task Completing_onboarding_also_emits_capability_updated_for_the_now_active_transfers_capability()
    {
        var account = await host.OnboardedAccountAsync();

        var capability = (await host.EventsAsync()).Single(e => e.Type == "capability.updated");

        Assert.Equal(account.Id, capability.Account);
        var updated = Assert.IsType<Capability>(capability.Data.Object);
        Assert.Equal(("transfers", account.Id, "active", true), (updated.Id, updated.AccountId, updated.Status, updated.Requested));
    }

    [Fact]
    public async Task A_test_can_make_stripe_require_more_which_disables_payouts_and_emits_account_updated()
    {
        var account = await host.OnboardedAccountAsync();

        host.Emulator.RequireMore(account.Id, ["individual.verification.document", "company.tax_id"], "requirements.past_due");
        var now = await new AccountService(host.Stripe).GetAsync(account.Id);
        var updated = (await host.EventsAsync()).Where(e => e.Type == "account.updated").Select(e => Assert.IsType<Account>(e.Data.Object)).ToList();

        Assert.False(now.PayoutsEnabled);
        Assert.Equal(["individual.verification.document", "company.tax_id"], now.Requirements.CurrentlyDue);
        Assert.Equal("requirements.past_due", now.Requirements.DisabledReason);
        Assert.Equal(2, updated.Count);
        Assert.Contains(updated, a => !a.PayoutsEnabled && a.Requirements.CurrentlyDue.Contains("company.tax_id"));
        Assert.Throws<ArgumentException>(() => host.Emulator.RequireMore("acct_nope", ["external_account"], null));
    }

    [Fact]
    public async Task Accounts_are_listed_newest_first_a_page_at_a_time()
    {
        var first = await host.CreateAccountAsync();
        var second = await host.CreateAccountAsync();
        var third = await host.CreateAccountAsync();

        var page = await new AccountService(host.Stripe).ListAsync(new AccountListOptions { Limit = 2 });
        var next = await new AccountService(host.Stripe).ListAsync(new AccountListOptions { Limit = 2, StartingAfter = page.Data[^1].Id });

        Assert.Equal([third.Id, second.Id], page.Data.Select(a => a.Id));
        Assert.True(page.HasMore);
        Assert.Equal([first.Id], next.Data.Select(a => a.Id));
        Assert.False(next.HasMore);
    }

    private static AccountCreateOptions AccountOptionsOf(string type)
    {
        var options = ConnectSteps.AccountOptions();
        options.Type = type;
        return options;
    }
}
