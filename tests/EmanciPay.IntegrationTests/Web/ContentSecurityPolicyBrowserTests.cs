using EmanciPay.IntegrationTests.Browser;
using Microsoft.Playwright;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>In Chromium, under the policies the app sends: nothing is refused, the API reference still renders, the account pages are accessible.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("/", "Find a station")]
    [InlineData("/stations/kexp-fm", "KEXP")]
    [InlineData("/account/login", "Sign in")]
    [InlineData("/account/register", "Create an account")]
    [InlineData("/account/forgot-password", "Forgot your password?")]
    [InlineData("/account/reset-password?email=a%40example.test&code=x", "Choose a new password")]
    public async Task Our_pages_break_no_rule_of_their_policy_and_have_no_serious_accessibility_violations(string path, string heading)
    {
        var page = await fixture.Browser.NewPageAsync();
        var refused = RefusalsOf(page);

        await page.GotoAsync(fixture.BaseAddress + path);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First).ToContainTextAsync(heading);
        await AccessibilityAssert.NoSeriousViolationsAsync(page);

        Assert.Empty(refused);
    }

    [Fact]
    public async Task The_api_reference_is_served_under_the_site_policy_loads_nothing_from_elsewhere_and_is_accessible()
    {
        var page = await fixture.Browser.NewPageAsync();
        var refused = RefusalsOf(page);
        var elsewhere = new List<string>();
        var missing = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(fixture.BaseAddress, StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                missing.Add($"{response.Status} {response.Url}");
            }
        };

        // The index, then an operation on its tag's page, then a schema it returns, each reached by its link.
        await page.GotoAsync(fixture.BaseAddress + "/api/reference/v1");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "EmanciPay", Exact = true })).ToHaveAttributeAsync("href", "/");
        await AccessibilityAssert.NoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "POST /api/v1/pledges", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "POST /api/v1/pledges", Exact = true })).ToBeVisibleAsync();
        await AccessibilityAssert.NoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "CreatePledgeResult", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "CreatePledgeResult" })).ToBeVisibleAsync();
        await AccessibilityAssert.NoSeriousViolationsAsync(page);

        Assert.Empty(refused);
        Assert.Empty(elsewhere);
        Assert.Empty(missing);
    }

    private static List<string> RefusalsOf(IPage page)
    {
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                refused.Add(message.Text);
            }
        };
        return refused;
    }
}
