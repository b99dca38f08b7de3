using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using EmanciPay.Application.Common;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>Nothing that answers a stranger tells whether an address has an account: not the words, not the status, not the time.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AccountEnumerationTests(PostgresFixture fixture, StrictApp strict) : IntegrationTest(fixture), IClassFixture<StrictApp>
{
    [Fact]
    public async Task The_sign_in_page_answers_an_unknown_address_a_wrong_password_and_an_unconfirmed_account_alike()
    {
        await Accounts.CreateAsync(App, "known@example.test", Roles.Listener);
        await CreateUnconfirmedAsync(App, "unconfirmed@example.test");

        var unknown = await SignInAsync("nobody@example.test", "some wrong password");
        var wrongPassword = await SignInAsync("known@example.test", "some wrong password");
        var unconfirmed = await SignInAsync("unconfirmed@example.test", "some wrong password");
        var unconfirmedRightPassword = await SignInAsync("unconfirmed@example.test", Accounts.Password);

        Assert.Equal((HttpStatusCode.OK, "That email and password do not match an account."), unknown);
        Assert.Equal(unknown, wrongPassword);
        Assert.Equal(unknown, unconfirmed);
        // Only whoever knows the password learns that the address waits for confirmation.
        Assert.Equal((HttpStatusCode.OK, "Confirm your email address first: open the link we sent you."), unconfirmedRightPassword);
    }

    [Fact]
    public async Task The_api_sign_in_answers_an_unknown_address_a_wrong_password_and_an_unconfirmed_account_alike()
    {
        await Accounts.CreateAsync(App, "known@example.test", Roles.Listener);
        await CreateUnconfirmedAsync(App, "unconfirmed@example.test");
        using var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        async Task<(HttpStatusCode, string)> LoginAsync(string email)
        {
            var response = await client.PostAsJsonAsync("/api/v1/identity/login", new { email, password = "some wrong password" });
            var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
            problem!.Remove("traceId");
            return (response.StatusCode, problem.ToJsonString());
        }

        var unknown = await LoginAsync("nobody@example.test");

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Item1);
        Assert.Equal(unknown, await LoginAsync("known@example.test"));
        Assert.Equal(unknown, await LoginAsync("unconfirmed@example.test"));
    }

    [Fact]
    public async Task Api_registration_answers_a_taken_address_as_a_new_one_and_mails_its_owner_a_way_back_in()
    {
        await Accounts.CreateAsync(App, "taken@example.test", Roles.Listener);
        using var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        var taken = await client.PostAsJsonAsync("/api/v1/identity/register", new { email = "taken@example.test", password = "a brand new passphrase" });
        var fresh = await client.PostAsJsonAsync("/api/v1/identity/register", new { email = "fresh@example.test", password = "a brand new passphrase" });
        var ownerMail = await Accounts.MailToAsync(App.Factory, "taken@example.test", "Reset your EmanciPay password");

        Assert.Equal((HttpStatusCode.OK, await fresh.Content.ReadAsStringAsync()), (taken.StatusCode, await taken.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Contains("http://localhost/account/reset-password?", ownerMail.TextBody, StringComparison.Ordinal);
        var accounts = await App.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<UserManager<AppUser>>().Users.Count(u => u.NormalizedEmail == "TAKEN@EXAMPLE.TEST")));
        Assert.Equal(1, accounts);
    }

    [Fact]
    public async Task Signing_in_with_an_unknown_address_costs_the_same_password_hash_as_a_known_one()
    {
        await Accounts.CreateAsync(App, "known@example.test", Roles.Listener);
        using var client = strict.Client(App);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.20");

        async Task<int> HashesForAsync(string email)
        {
            var before = strict.Hasher.Verifications;
            var response = await client.PostAsJsonAsync("/api/v1/identity/login", new { email, password = "some wrong password" });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            return strict.Hasher.Verifications - before;
        }

        await CreateUnconfirmedAsync(App, "unconfirmed@example.test");

        Assert.Equal(1, await HashesForAsync("known@example.test"));
        Assert.Equal(1, await HashesForAsync("nobody@example.test"));
        Assert.Equal(1, await HashesForAsync("unconfirmed@example.test"));
    }

    private async Task<(HttpStatusCode Status, string Message)> SignInAsync(string email, string password)
    {
        using var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await Accounts.PostFormAsync(client, "/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, page.QuerySelector(".validation-summary-errors")?.TextContent.Trim() ?? "");
    }

    internal static Task CreateUnconfirmedAsync(AppFixture app, string email) => app.WithScopeAsync(async sp =>
    {
        var user = new AppUser { UserName = email, Email = email };
        Assert.True((await sp.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, Accounts.Password)).Succeeded);
        return true;
    });
}
