using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using EmanciPay.Application.Common;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>Forgot, reset and change a password, change the email address, set up an authenticator; mail links always on App:BaseUrl.</summary>
[Collection(PostgresCollection.Name)]
public sealed partial class AccountPagesTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_mailed_link_and_the_new_one_signs_in()
    {
        await Accounts.CreateAsync(App, "forgetful@example.test", Roles.Listener);
        using var client = NewClient();

        var asked = await Accounts.PostFormAsync(client, "/account/forgot-password", new() { ["Input.Email"] = "forgetful@example.test" });
        var unknown = await Accounts.PostFormAsync(client, "/account/forgot-password", new() { ["Input.Email"] = "stranger@example.test" });
        var mail = await Accounts.MailToAsync(App.Factory, "forgetful@example.test", "Reset your EmanciPay password");
        var link = new Uri(ResetLink().Match(mail.TextBody ?? "").Value);
        var code = QueryHelpers.ParseQuery(link.Query)["code"].ToString();
        var common = await Accounts.PostFormAsync(client, link.PathAndQuery, ResetFields("password1234", code), formUrl: link.PathAndQuery);
        var reset = await Accounts.PostFormAsync(client, link.PathAndQuery, ResetFields("a new and long passphrase", code), formUrl: link.PathAndQuery);
        var again = await Accounts.PostFormAsync(client, link.PathAndQuery, ResetFields("yet another passphrase", code), formUrl: link.PathAndQuery);
        var signIn = await Accounts.PostFormAsync(client, "/account/login", new() { ["Input.Email"] = "forgetful@example.test", ["Input.Password"] = "a new and long passphrase" });

        Assert.Equal(StatusText(await asked.Content.ReadAsStringAsync()).Replace("forgetful", "x", StringComparison.Ordinal), StatusText(await unknown.Content.ReadAsStringAsync()).Replace("stranger", "x", StringComparison.Ordinal));
        Assert.DoesNotContain(App.Factory.Mail.Messages(), m => m.To.ToString().Contains("stranger", StringComparison.Ordinal));
        Assert.Equal("localhost", link.Host);
        Assert.Contains("most common ones", await common.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Your password is changed", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("This link is not valid", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_listener_changes_the_password_with_the_current_one()
    {
        using var client = await Accounts.SignedInClientAsync(App, "changer@example.test", Roles.Listener);

        var wrongCurrent = await Accounts.PostFormAsync(client, "/account/change-password", ChangeFields("not my password at all", "a fresh long passphrase"));
        var changed = await Accounts.PostFormAsync(client, "/account/change-password", ChangeFields(Accounts.Password, "a fresh long passphrase"));
        var stillSignedIn = await client.GetAsync("/me/giving");
        using var other = NewClient();
        var withNew = await Accounts.PostFormAsync(other, "/account/login", new() { ["Input.Email"] = "changer@example.test", ["Input.Password"] = "a fresh long passphrase" });

        Assert.Contains("That is not your current password.", await wrongCurrent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Your password is changed", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, withNew.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_listener_moves_the_account_to_a_new_address_by_the_link_mailed_there()
    {
        using var client = await Accounts.SignedInClientAsync(App, "old@example.test", Roles.Listener);

        var asked = await Accounts.PostFormAsync(client, "/account/change-email", new() { ["Input.NewEmail"] = "new@example.test", ["Input.Password"] = Accounts.Password });
        var mail = await Accounts.MailToAsync(App.Factory, "new@example.test", "Confirm your EmanciPay account");
        var link = new Uri(ChangeLink().Match(mail.TextBody ?? "").Value);
        var confirmed = await client.GetStringAsync(link.PathAndQuery);
        using var other = NewClient();
        var withNew = await Accounts.PostFormAsync(other, "/account/login", new() { ["Input.Email"] = "new@example.test", ["Input.Password"] = Accounts.Password });

        Assert.Contains("We sent a link to", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("localhost", link.Host);
        Assert.Contains("Your email address is changed", confirmed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, withNew.StatusCode);
    }

    [Fact]
    public async Task The_two_factor_page_shows_a_qr_code_of_the_setup_link_and_still_the_key()
    {
        using var client = await Accounts.SignedInClientAsync(App, "finance@example.test", Roles.Finance);

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/account/two-factor"));
        var image = page.QuerySelector("img#qr-code")!;
        var png = Convert.FromBase64String(image.GetAttribute("src")!["data:image/png;base64,".Length..]);

        Assert.StartsWith("data:image/png;base64,", image.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Contains("type the key", image.GetAttribute("alt"), StringComparison.Ordinal);
        Assert.Matches("^([a-z2-7]{4} ?)+$", page.QuerySelector("#shared-key")!.TextContent);
    }

    [Fact]
    public async Task Links_in_mail_point_at_the_configured_address_whatever_host_the_request_names()
    {
        using var client = NewClient();
        client.DefaultRequestHeaders.Host = "evil.example";

        var api = await client.PostAsJsonAsync("/api/v1/identity/register", new { email = "api-host@example.test", password = Accounts.Password });
        var resend = await client.PostAsJsonAsync("/api/v1/identity/resendConfirmationEmail", new { email = "api-host@example.test" });
        var page = await Accounts.PostFormAsync(client, "/account/register", new() { ["Input.Email"] = "page-host@example.test", ["Input.Password"] = Accounts.Password, ["Input.ConfirmPassword"] = Accounts.Password });
        var apiMail = await Accounts.MailToAsync(App.Factory, "api-host@example.test", "Confirm your EmanciPay account");
        var pageMail = await Accounts.MailToAsync(App.Factory, "page-host@example.test", "Confirm your EmanciPay account");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Redirect), (api.StatusCode, resend.StatusCode, page.StatusCode));
        var bodies = App.Factory.Mail.Messages().Where(m => m.To.ToString().Contains("-host@", StringComparison.Ordinal)).SelectMany(m => new[] { m.TextBody, m.HtmlBody }).ToList();
        Assert.Equal(6, bodies.Count);
        Assert.All(bodies, b => Assert.DoesNotContain("evil.example", b, StringComparison.Ordinal));
        Assert.Contains("http://localhost/api/v1/identity/confirmEmail?", apiMail.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost/account/confirm-email?", pageMail.TextBody, StringComparison.Ordinal);
    }

    private HttpClient NewClient() => App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static Dictionary<string, string> ResetFields(string password, string code) =>
        new() { ["Input.Email"] = "forgetful@example.test", ["Input.Code"] = code, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password };

    private static Dictionary<string, string> ChangeFields(string current, string next) =>
        new() { ["Input.CurrentPassword"] = current, ["Input.NewPassword"] = next, ["Input.ConfirmPassword"] = next };

    private static string StatusText(string html) => new HtmlParser().ParseDocument(html).QuerySelector("[role=status]")?.TextContent ?? "";

    [GeneratedRegex(@"https?://\S+/account/reset-password\?\S+")]
    private static partial Regex ResetLink();

    [GeneratedRegex(@"https?://\S+/account/confirm-email-change\?\S+")]
    private static partial Regex ChangeLink();
}
