using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>The 500s and unnamed 400s that <see cref="HostileInputTests"/> and <see cref="HostilePageFormTests"/> found, one by one.</summary>
[Collection(PostgresCollection.Name)]
public sealed class HostileInputRegressionTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Reading_the_two_factor_setup_writes_nothing_and_the_api_answers_a_null_enable()
    {
        var client = await Accounts.SignedInClientAsync(App, "two-factor-reader@example.test", "Listener");
        var before = await TableRows.CountAsync(App);
        var pages = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.GetAsync("/account/two-factor?Code=x")));
        Assert.All(pages, page => Assert.Equal(HttpStatusCode.OK, page.StatusCode));
        Assert.Empty(TableRows.Changes(before, await TableRows.CountAsync(App)));

        await Accounts.CreateAsync(App, "two-factor-api@example.test", "Listener");
        var bearer = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await bearer.PostAsJsonAsync("/api/v1/identity/login", new { email = "two-factor-api@example.test", password = Accounts.Password });
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => bearer.PostAsJsonAsync("/api/v1/identity/manage/2fa", new { enable = (bool?)null })));
        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
    }

    [Theory]
    [InlineData("/account/confirm-email?userId=a%00b&code=x")]
    [InlineData("/account/confirm-email-change?userId=a%00b&email=a%40example.test&code=x")]
    [InlineData("/api/v1/identity/confirmEmail?userId=a%00b&code=x")]
    public async Task A_NUL_in_a_confirmation_link_finds_no_account(string url)
    {
        var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var answer = await client.GetAsync(url);
        Assert.True((int)answer.StatusCode < 500, $"{url} -> {answer.StatusCode}");
    }

    [Fact]
    public async Task Identity_api_refusals_name_the_field()
    {
        var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(["resetCode"], await ErrorKeysAsync(await client.PostAsJsonAsync("/api/v1/identity/resetPassword", new { email = "a@example.test", resetCode = "x", newPassword = Accounts.Password })));
        Assert.Equal(["email"], await ErrorKeysAsync(await client.PostAsJsonAsync("/api/v1/identity/register", new { password = Accounts.Password })));
        Assert.Equal(["userId"], await ErrorKeysAsync(await client.GetAsync("/api/v1/identity/confirmEmail?code=x")));
        Assert.Equal(["useCookies"], await ErrorKeysAsync(await client.PostAsJsonAsync("/api/v1/identity/login?useCookies=x", new { email = "a@example.test", password = Accounts.Password })));
    }

    [Theory]
    [InlineData("<script>@x.org")]
    [InlineData("10006")]
    public async Task Registration_refuses_an_address_the_mailer_cannot_send_to_naming_the_field(string email)
    {
        email = email == "10006" ? new string('a', 10_000) + "@x.org" : email;
        var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var api = await client.PostAsJsonAsync("/api/v1/identity/register", new { email, password = Accounts.Password });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal(["email"], await ErrorKeysAsync(api));

        var page = await Accounts.PostFormAsync(client, "/account/register", new() { ["Input.Email"] = email, ["Input.Password"] = Accounts.Password, ["Input.ConfirmPassword"] = Accounts.Password });
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var form = await new HtmlParser().ParseDocumentAsync(await page.Content.ReadAsStringAsync());
        Assert.Contains("input-validation-error", form.QuerySelector("input[name='Input.Email']")!.ClassList);
        Assert.DoesNotContain("input-validation-error", form.QuerySelector("input[name='Input.Password']")!.ClassList);
        Assert.Equal(0, (await TableRows.CountAsync(App))["AspNetUsers"]);
    }

    private static async Task<string[]> ErrorKeysAsync(HttpResponseMessage answer) =>
        [.. (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name)];
}
