using System.Net;
using System.Text.RegularExpressions;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmanciPay.IntegrationTests.Web;

[Collection(PostgresCollection.Name)]
public sealed partial class RegistrationTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task A_listener_registers_confirms_the_email_by_its_link_and_only_then_signs_in()
    {
        var email = $"{Guid.NewGuid():N}@example.test";
        using var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Dictionary<string, string> Login() => new() { ["Input.Email"] = email, ["Input.Password"] = "a long enough passphrase" };

        var registered = await Accounts.PostFormAsync(client, "/account/register", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "a long enough passphrase",
            ["Input.ConfirmPassword"] = "a long enough passphrase",
        });
        var tooEarly = await Accounts.PostFormAsync(client, "/account/login", Login());
        var mail = await Accounts.MailToAsync(App.Factory, email, "Confirm your EmanciPay account");
        var link = new Uri(ConfirmLink().Match(mail.TextBody ?? "").Value);
        var confirmed = await client.GetStringAsync(link.PathAndQuery);
        var signedIn = await Accounts.PostFormAsync(client, "/account/login", Login());

        Assert.Equal("/account/register-confirmation", registered.Headers.Location?.ToString());
        Assert.Contains("Confirm your email address first", await tooEarly.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Your email is confirmed", confirmed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/me/giving")).StatusCode);
    }

    [Fact]
    public async Task Registering_an_address_twice_answers_the_same_and_a_short_password_is_explained()
    {
        await Accounts.CreateAsync(App, "taken@example.test", Application.Common.Roles.Listener);
        using var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var again = await Accounts.PostFormAsync(client, "/account/register", new() { ["Input.Email"] = "taken@example.test", ["Input.Password"] = "another long passphrase", ["Input.ConfirmPassword"] = "another long passphrase" });
        var shortPassword = await Accounts.PostFormAsync(client, "/account/register", new() { ["Input.Email"] = "new@example.test", ["Input.Password"] = "short", ["Input.ConfirmPassword"] = "short" });

        Assert.Equal("/account/register-confirmation", again.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, shortPassword.StatusCode);
        Assert.Contains("at least 12 characters", await shortPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https?://\S+/account/confirm-email\?\S+")]
    private static partial Regex ConfirmLink();
}
