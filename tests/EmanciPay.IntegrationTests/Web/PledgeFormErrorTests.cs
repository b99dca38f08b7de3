using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using EmanciPay.Application.Common;
using EmanciPay.Domain.Pledges;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>The station page's form reports every mistake at once, marks each field, and keeps what was typed through signing in.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PledgeFormErrorTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Review_reports_every_error_at_once_and_marks_each_field_aria_invalid()
    {
        var page = await ReviewAsync(new()
        {
            ["Form.Choice"] = "other",
            ["Form.OtherAmount"] = "12,50",
            ["Form.Monthly"] = "true",
            ["Form.Email"] = "<script>@x.org",
            ["Form.Message"] = new string('m', 501),
        });

        var summary = page.QuerySelector("#form-errors")?.TextContent ?? "";
        Assert.Contains("Enter an amount in dollars", summary, StringComparison.Ordinal);
        Assert.Contains("Sign in to pledge monthly", summary, StringComparison.Ordinal);
        Assert.Contains("Enter an email address we can send your receipt to, like name@example.com.", summary, StringComparison.Ordinal);
        Assert.Equal("email-error", page.QuerySelector("[name='Form.Email']")?.GetAttribute("aria-describedby"));
        Assert.Equal("Enter an email address we can send your receipt to, like name@example.com.", page.QuerySelector("#email-error")?.TextContent);
        Assert.Contains("500", summary, StringComparison.Ordinal);
        Assert.Equal(
            ["Form.Email", "Form.Message", "Form.Monthly", "Form.OtherAmount"],
            page.QuerySelectorAll("[aria-invalid=true]").Select(e => e.GetAttribute("name")).Order(StringComparer.Ordinal));
        Assert.Null(page.QuerySelector("#quote-charged"));
        Assert.Equal(0, await new PledgeKit(App).CountAsync<Pledge>());
    }

    [Fact]
    public async Task A_valid_form_marks_no_field_invalid()
    {
        var page = await ReviewAsync(new() { ["Form.Choice"] = "1000", ["Form.Monthly"] = "false", ["Form.Email"] = "listener@example.test" });

        Assert.Equal("$10.00", page.QuerySelector("#quote-charged")?.TextContent);
        Assert.Empty(page.QuerySelectorAll("[aria-invalid]"));
    }

    [Fact]
    public async Task Signed_out_the_monthly_choice_says_to_sign_in_and_signing_in_comes_back_with_what_was_typed()
    {
        await new PledgeKit(App).AddStationAsync();
        await Accounts.CreateAsync(App, "listener@example.test", Roles.Listener);
        using var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/stations/kexp-fm"));

        var toSignIn = await Accounts.PostFormAsync(client, "/stations/kexp-fm?handler=SignIn", new()
        {
            ["Form.Choice"] = "other",
            ["Form.OtherAmount"] = "25",
            ["Form.Monthly"] = "true",
            ["Form.Message"] = "Keep the jazz & the news",
            ["Form.CoverFee"] = "true",
            ["Form.IdempotencyKey"] = "typed",
        }, formUrl: "/stations/kexp-fm");
        var location = toSignIn.Headers.Location!.OriginalString.Split('?', 2);
        var returnUrl = QueryHelpers.ParseQuery(location[1])["ReturnUrl"].ToString();
        var signedIn = await Accounts.PostFormAsync(client, "/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), new()
        {
            ["Input.Email"] = "listener@example.test",
            ["Input.Password"] = Accounts.Password,
            ["ReturnUrl"] = returnUrl,
        });
        var back = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(signedIn.Headers.Location!.ToString()));

        Assert.Contains("sign in first", form.QuerySelector("label[for=monthly]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Sign in to pledge monthly", form.QuerySelector("#monthly-hint")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
        Assert.Equal("/account/login", location[0]);
        Assert.Equal(returnUrl, signedIn.Headers.Location!.ToString());
        Assert.True(((IHtmlInputElement)back.QuerySelector("#amount-other")!).IsChecked);
        Assert.Equal("25", ((IHtmlInputElement)back.QuerySelector("#other-amount")!).Value);
        Assert.True(((IHtmlInputElement)back.QuerySelector("#monthly")!).IsChecked);
        Assert.Equal("Keep the jazz & the news", back.QuerySelector("textarea[name='Form.Message']")?.TextContent.Trim());
        Assert.True(((IHtmlInputElement)back.QuerySelector("input[name='Form.CoverFee'][type=checkbox]")!).IsChecked);
        Assert.NotEqual("typed", ((IHtmlInputElement)back.QuerySelector("input[name='Form.IdempotencyKey']")!).Value);
    }

    private async Task<IHtmlDocument> ReviewAsync(Dictionary<string, string> fields)
    {
        await new PledgeKit(App).AddStationAsync();
        using var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        fields["Form.IdempotencyKey"] = Guid.NewGuid().ToString("N");
        var response = await Accounts.PostFormAsync(client, "/stations/kexp-fm?handler=Review", fields, formUrl: "/stations/kexp-fm");
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }
}
