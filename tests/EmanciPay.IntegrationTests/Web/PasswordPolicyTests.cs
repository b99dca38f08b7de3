using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmanciPay.IntegrationTests.Support;
using EmanciPay.Web.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>ASVS V2.1.7: passwords that attackers try first are refused, wherever a password is chosen.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PasswordPolicyTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    [Theory]
    [InlineData("password1234")]
    [InlineData("Password1234!")]
    [InlineData("qwertyuiop123")]
    [InlineData("123456789012")]
    [InlineData("\0\0\0\0\0\0\0\0\0\0\0\0")]
    [InlineData("tab\tseparated words")]
    public async Task The_sign_up_page_and_the_api_refuse_common_passwords_and_control_characters(string password)
    {
        using var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await Accounts.PostFormAsync(client, "/account/register", new() { ["Input.Email"] = "page@example.test", ["Input.Password"] = password, ["Input.ConfirmPassword"] = password });
        var api = await client.PostAsJsonAsync("/api/v1/identity/register", new { email = "api@example.test", password });
        var errors = (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");

        var pageText = await page.Content.ReadAsStringAsync();
        if (password.Contains('\0', StringComparison.Ordinal))
        {
            // ASP.NET Core's form reader refuses a NUL in a url-encoded form by itself, before any page sees it.
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        }
        else
        {
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{page.StatusCode}: {pageText}");
            Assert.Matches("most common ones|control characters", pageText);
        }

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        // Keyed by the request's field, as every 400 of the API is, with the password validator's own sentence.
        Assert.True(errors.TryGetProperty("password", out var said), errors.ToString());
        Assert.Matches("most common ones|control characters", said.ToString());
        Assert.Equal(0, await App.WithScopeAsync(sp => Task.FromResult(CountUsers(sp))));
    }

    [Theory]
    [InlineData("correct horse battery 9")]
    [InlineData("my radio pledges are mine")]
    [InlineData("Tr0ub4dor&3 but longer")]
    public void Uncommon_passphrases_pass(string password) => Assert.False(CommonPasswordValidator.IsCommon(password));

    private static int CountUsers(IServiceProvider services) =>
        services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Infrastructure.Identity.AppUser>>().Users.Count();
}
