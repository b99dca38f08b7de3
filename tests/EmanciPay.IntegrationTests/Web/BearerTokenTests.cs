using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EmanciPay.Application.Common;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>Station systems and scripts use the API with an Identity bearer token instead of the site cookie.</summary>
[Collection(PostgresCollection.Name)]
public sealed class BearerTokenTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private readonly PledgeKit kit = new(fixture);

    [Theory]
    [InlineData("/api/v1/pledges", true)]
    [InlineData("/api", true)]
    [InlineData("/stripe-emulator/v1/checkout/sessions", false)]
    [InlineData("/stations/kexp-fm", false)]
    [InlineData("/apix", false)]
    public void Only_api_requests_are_read_as_carrying_a_bearer_token(string path, bool readAsBearer)
    {
        // Elsewhere (the Stripe key sent to the emulator) the header is not ours: unprotecting it threw on every Stripe call.
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Request.Headers.Authorization = "Bearer sk_test_not_an_identity_token";

        Assert.Equal(readAsBearer, EmanciPay.Web.WebSetup.CarriesBearerToken(context.Request));
    }

    [Fact]
    public async Task A_listener_signs_in_for_a_token_pledges_without_a_cookie_or_antiforgery_and_sees_the_pledge()
    {
        await kit.AddStationAsync();
        await Accounts.CreateAsync(App, "script@example.test", Roles.Listener);
        using var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        var login = await client.PostAsJsonAsync("/api/v1/identity/login", new { email = "script@example.test", password = Accounts.Password });
        var tokens = await login.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/pledges") { Content = JsonContent.Create(PledgeKit.Body(1000, email: null)) };
        request.Headers.Add("Idempotency-Key", "bearer-1");
        var pledge = await client.SendAsync(request);
        var mine = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/pledges");
        var refresh = await client.PostAsJsonAsync("/api/v1/identity/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await refresh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var again = await client.GetAsync("/api/v1/me/pledges");

        Assert.Equal((HttpStatusCode.OK, "Bearer"), (login.StatusCode, tokens.GetProperty("tokenType").GetString()));
        Assert.Equal(HttpStatusCode.Created, pledge.StatusCode);
        var pledgeId = (await pledge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(pledgeId, Assert.Single(mine.EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal("script@example.test", (await kit.PledgeRowAsync(pledgeId)).Email);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (refresh.StatusCode, again.StatusCode));
    }

    [Fact]
    public async Task Registering_through_the_api_makes_a_listener_who_must_confirm_the_address_by_mail()
    {
        using var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        var registered = await client.PostAsJsonAsync("/api/v1/identity/register", new { email = "newscript@example.test", password = Accounts.Password });
        var tooSoon = await client.PostAsJsonAsync("/api/v1/identity/login", new { email = "newscript@example.test", password = Accounts.Password });
        var mail = await Accounts.MailToAsync(App.Factory, "newscript@example.test", "Confirm your EmanciPay account");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (registered.StatusCode, tooSoon.StatusCode));
        Assert.Contains("/api/v1/identity/confirmEmail?", mail.TextBody, StringComparison.Ordinal);
        var roles = await App.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return await users.GetRolesAsync((await users.FindByEmailAsync("newscript@example.test"))!);
        });
        Assert.Equal([Roles.Listener], roles);
    }

    [Fact]
    public async Task No_token_a_forged_token_a_wrong_password_or_an_unconfirmed_address_gets_no_access()
    {
        await Accounts.CreateAsync(App, "listener@example.test", Roles.Listener);
        await App.WithScopeAsync(async sp =>
        {
            var user = new AppUser { UserName = "unconfirmed@example.test", Email = "unconfirmed@example.test" };
            return (await sp.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, Accounts.Password)).Succeeded;
        });
        using var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        var anonymous = await client.GetAsync("/api/v1/me/pledges");
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me/pledges");
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "CfDJ8-not-a-token");
        var forgedResponse = await client.SendAsync(forged);
        var wrongPassword = await client.PostAsJsonAsync("/api/v1/identity/login", new { email = "listener@example.test", password = "not the password at all" });
        var unconfirmed = await client.PostAsJsonAsync("/api/v1/identity/login", new { email = "unconfirmed@example.test", password = Accounts.Password });

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized],
            new[] { anonymous, forgedResponse, wrongPassword, unconfirmed }.Select(r => r.StatusCode));
    }
}
