using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using EmanciPay.Application.Common;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Web;

[Collection(PostgresCollection.Name)]
public sealed class HostTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Liveness_and_readiness_answer_healthy_when_the_database_is_up()
    {
        using var client = App.Factory.CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_and_the_reference_page_is_served()
    {
        using var client = App.Factory.CreateClient();

        var document = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json");
        var reference = await client.GetAsync("/api/reference/v1");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/pledges", out var pledges));
        Assert.True(pledges.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/v1/stations/{slug}", out _));
        Assert.False(paths.TryGetProperty("/webhooks/stripe", out _));
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("/api/v1/pledges", await reference.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hangfire_dashboard_sends_strangers_to_sign_in_and_refuses_listeners()
    {
        using var anonymous = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var listener = await Accounts.SignedInClientAsync(App, "listener@example.test", Roles.Listener);

        var strangerResponse = await anonymous.GetAsync("/hangfire");
        var listenerResponse = await listener.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Redirect, strangerResponse.StatusCode);
        Assert.StartsWith("/account/login", strangerResponse.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, listenerResponse.StatusCode);
        Assert.StartsWith("/account/access-denied", listenerResponse.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Finance)]
    public async Task The_hangfire_dashboard_opens_for_finance_and_admin(string role)
    {
        using var staff = await Accounts.SignedInStaffAsync(App, $"{role.ToLowerInvariant()}@example.test", role);

        var response = await staff.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hangfire Dashboard", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_without_a_second_factor_are_refused_until_they_set_up_an_authenticator_and_sign_in_again()
    {
        using var admin = await Accounts.SignedInClientAsync(App, "admin@example.test", Roles.Admin);

        var before = await admin.GetAsync("/hangfire");
        var setup = await new HtmlParser().ParseDocumentAsync(await admin.GetStringAsync("/account/two-factor"));
        var key = setup.QuerySelector("#shared-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        var wrong = await Accounts.PostFormAsync(admin, "/account/two-factor", new() { ["Code"] = "000000" });
        var enabled = await Accounts.PostFormAsync(admin, "/account/two-factor", new() { ["Code"] = Totp.Now(key) });
        using var again = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var password = await Accounts.PostFormAsync(again, "/account/login", new() { ["Input.Email"] = "admin@example.test", ["Input.Password"] = Accounts.Password });
        var wrongCode = await Accounts.PostFormAsync(again, password.Headers.Location!.ToString(), new() { ["Code"] = "000000" });
        var rightCode = await Accounts.PostFormAsync(again, password.Headers.Location!.ToString(), new() { ["Code"] = Totp.Now(key) });
        var after = await again.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        Assert.StartsWith("/account/access-denied", before.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("That code is not right", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var enabledPage = await enabled.Content.ReadAsStringAsync();
        Assert.Contains("Two-factor sign-in is on", enabledPage, StringComparison.Ordinal);
        Assert.Equal(10, new HtmlParser().ParseDocument(enabledPage).QuerySelectorAll(".codes li").Length);
        Assert.StartsWith("/account/login-2fa", password.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Contains("That code is not right", await wrongCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, rightCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Signing_out_from_any_page_ends_the_session()
    {
        using var listener = await Accounts.SignedInClientAsync(App, "listener@example.test", Roles.Listener);

        var signOut = await Accounts.PostFormAsync(listener, "/account/logout", [], formUrl: "/");
        var afterwards = await listener.GetAsync("/me/giving");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.StartsWith("/account/login", afterwards.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_does_not_sign_in()
    {
        await Accounts.CreateAsync(App, "admin@example.test", Roles.Admin);
        using var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await Accounts.PostFormAsync(client, "/account/login", new() { ["Input.Email"] = "admin@example.test", ["Input.Password"] = "not-the-password-1" });
        var dashboard = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("do not match an account", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
    }
}
