using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using EmanciPay.Domain.Pledges;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>The inputs of issue 8 that once gave 500 or were stored wrong: each is now a clear 4xx that writes nothing.</summary>
[Collection(PostgresCollection.Name)]
public sealed class BadInputTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    [Theory]
    [InlineData("""{"amount":1000,"currency":"usd","frequency":"one_time","email":"a@example.test"}""", "station")]
    [InlineData("""{"station":"","amount":1000,"currency":"usd","frequency":"one_time","email":"a@example.test"}""", "station")]
    [InlineData("""{"station":"kexp-fm","amount":1000,"frequency":"one_time","email":"a@example.test"}""", "currency")]
    [InlineData("""{"station":"kexp-fm","amount":1000,"currency":"","frequency":"one_time","email":"a@example.test"}""", "currency")]
    [InlineData("""{"station":"kexp-fm","amount":1000,"currency":"usd","frequency":"one_time","email":"a\u0000b@example.test"}""", "email")]
    [InlineData("""{"station":"kexp-fm","amount":1000,"currency":"usd","frequency":"one_time","email":"a@example.test","message":"hi\u0000"}""", "message")]
    public async Task A_pledge_missing_a_field_or_with_a_NUL_is_refused_naming_the_field(string json, string field)
    {
        var kit = new PledgeKit(App);
        await kit.AddStationAsync();

        var response = await kit.PostRawAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey(field));
        Assert.Equal(0, await kit.CountAsync<Pledge>());
    }

    [Theory]
    [InlineData("/stations/nope")]
    [InlineData("/pledges/0195b4ad-0000-7000-8000-000000000000/thanks")]
    [InlineData("/no/such/page")]
    public async Task A_page_for_nothing_is_the_sites_404_page(string url)
    {
        await new PledgeKit(App).AddStationAsync();
        var response = await HtmlClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("Page not found", page.QuerySelector("main h1, h1")?.TextContent);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task A_station_address_in_upper_case_finds_the_station()
    {
        await new PledgeKit(App).AddStationAsync("WNYC-FM", "WNYC");

        var response = await HtmlClient().GetAsync("/stations/WNYC-FM");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("WNYC", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0195b4ad-0000-7000-8000-000000000000")]
    [InlineData("junk")]
    [InlineData("")]
    public async Task Cancelling_an_unknown_or_junk_pledge_on_My_giving_is_404(string pledgeId)
    {
        var listener = await Accounts.SignedInClientAsync(App, "listener@example.test", "Listener");

        var response = await Accounts.PostFormAsync(listener, "/me/giving?handler=Cancel", new() { ["pledgeId"] = pledgeId });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Cancelling_another_listeners_pledge_on_My_giving_is_404_and_leaves_it_active()
    {
        var kit = new PledgeKit(App);
        await kit.AddStationAsync();
        var owner = await Accounts.SignedInClientAsync(App, "owner@example.test", "Listener");
        var pledge = await PledgeKit.PostAsync(owner, PledgeKit.Body(frequency: "monthly"));
        var other = await Accounts.SignedInClientAsync(App, "other@example.test", "Listener");

        var response = await Accounts.PostFormAsync(other, "/me/giving?handler=Cancel", new() { ["pledgeId"] = pledge.GetProperty("id").GetString()! });

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden || response.Headers.Location?.ToString().Contains("access-denied", StringComparison.Ordinal) == true, $"{response.StatusCode}");
        Assert.NotEqual(PledgeStatus.Cancelled, (await kit.PledgeRowAsync(Guid.Parse(pledge.GetProperty("id").GetString()!))).Status);
    }

    [Theory]
    [InlineData("/stations/kexp-fm?handler=Review", "Form.Anonymous", "x")]
    [InlineData("/account/login", "Input.RememberMe", "yes")]
    public async Task A_checkbox_with_a_value_that_is_not_a_boolean_gets_the_pages_validation_message(string url, string field, string value)
    {
        var kit = new PledgeKit(App);
        await kit.AddStationAsync();
        var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await Accounts.PostFormAsync(client, url, new()
        {
            [field] = value,
            ["Form.Choice"] = "1000",
            ["Form.Email"] = "listener@example.test",
            ["Form.IdempotencyKey"] = Guid.NewGuid().ToString("N"),
            ["Input.Email"] = "nobody@example.test",
            ["Input.Password"] = Accounts.Password,
        }, formUrl: url.Split('?')[0]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"The value &#x27;{value}&#x27; is not valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await kit.CountAsync<Pledge>());
    }

    [Fact]
    public async Task An_API_registration_with_an_email_over_256_characters_is_refused()
    {
        var client = App.Factory.CreateClient();
        var email = new string('a', 10_000) + "@x.org";

        var response = await client.PostAsJsonAsync("/api/v1/identity/register", new { email, password = Accounts.Password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await new PledgeKit(App).CountAsync<AppUser>());
    }

    [Theory]
    [InlineData("/api/v1/identity/forgotPassword", """{"email":null}""", "email")]
    [InlineData("/api/v1/identity/resendConfirmationEmail", """{"email":null}""", "email")]
    [InlineData("/api/v1/identity/resetPassword", """{"email":null,"resetCode":"x","newPassword":"correct horse battery"}""", "email")]
    [InlineData("/api/v1/identity/resetPassword", """{"email":"a\u0000@x.org","resetCode":"x","newPassword":"correct horse battery"}""", "email")]
    [InlineData("/api/v1/identity/register", """{"email":"a@x.org","password":null}""", "password")]
    public async Task An_identity_request_with_a_null_or_control_character_field_is_400_naming_it(string url, string json, string field)
    {
        var response = await App.Factory.CreateClient().PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.NotNull(problem?["errors"]?[field]);
        Assert.Equal(0, await new PledgeKit(App).CountAsync<AppUser>());
    }

    [Theory]
    [InlineData("1000")]
    [InlineData("")]
    [InlineData("other")]
    public async Task A_typed_other_amount_is_the_amount_quoted_whatever_is_ticked(string choice)
    {
        await new PledgeKit(App).AddStationAsync();
        var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await Accounts.PostFormAsync(client, "/stations/kexp-fm?handler=Review", new()
        {
            ["Form.Choice"] = choice,
            ["Form.OtherAmount"] = "12.50",
            ["Form.Email"] = "listener@example.test",
            ["Form.IdempotencyKey"] = Guid.NewGuid().ToString("N"),
        }, formUrl: "/stations/kexp-fm");

        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("$12.50", page.QuerySelector("#quote-charged")?.TextContent);
    }

    private HttpClient HtmlClient()
    {
        var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return client;
    }
}
