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
    public async Task The_api_reference_renders_under_its_own_policy()
    {
        var page = await fixture.Browser.NewPageAsync();
        var refused = RefusalsOf(page);

        await page.GotoAsync(fixture.BaseAddress + "/api/reference/v1");
        await Assertions.Expect(page.GetByText("/api/v1/pledges").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // Anything from another site (web fonts) may be refused; its own scripts and styles must not be.
        Assert.DoesNotContain(refused, r => r.Contains("inline", StringComparison.Ordinal) || r.Contains("eval", StringComparison.Ordinal) || r.Contains(fixture.BaseAddress, StringComparison.Ordinal));
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
