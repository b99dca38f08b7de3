using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace EmanciPay.IntegrationTests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class StationDirectoryBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_listener_finds_kexp_by_searching_and_the_directory_has_no_serious_accessibility_violations()
    {
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(fixture.BaseAddress + "/");
        await Assertions.Expect(page.Locator(".station-card")).ToHaveCountAsync(20);
        await AccessibilityAssert.NoSeriousViolationsAsync(page);

        await page.GetByLabel("Search by name, call sign, city or state").FillAsync("KEXP");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Assertions.Expect(page.Locator(".station-card")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".station-card .station-name")).ToHaveTextAsync("KEXP");
        await Assertions.Expect(page.Locator("#result-count")).ToContainTextAsync("1 station");
    }

    [Fact]
    public async Task A_listener_pledges_10_dollars_to_kexp_with_4242_and_the_station_page_shows_9_41_in_escrow()
    {
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(fixture.BaseAddress + "/?q=KEXP");
        await page.GetByRole(AriaRole.Link, new() { Name = "KEXP KEXP-FM" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "KEXP KEXP-FM", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".test-mode")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("has not joined EmanciPay and does not endorse this page")).ToBeVisibleAsync();
        await AccessibilityAssert.NoSeriousViolationsAsync(page);

        await page.GetByLabel("$10.00").CheckAsync();
        await page.GetByLabel("Email for your receipt").FillAsync("listener@example.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Review pledge" }).ClickAsync();
        await Assertions.Expect(page.Locator("#quote-fee")).ToHaveTextAsync("$0.59");
        await Assertions.Expect(page.Locator("#quote-net")).ToHaveTextAsync("$9.41");
        await AccessibilityAssert.NoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
        await page.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay $10.00" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you!" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#receipt-net")).ToHaveTextAsync("$9.41");
        await AccessibilityAssert.NoSeriousViolationsAsync(page);

        await page.GotoAsync(fixture.BaseAddress + "/stations/kexp-fm");
        await Assertions.Expect(page.Locator("#escrow-waiting")).ToHaveTextAsync("$9.41");
    }

    [Fact]
    public async Task A_declined_card_shows_stripes_message_on_the_checkout_page_and_charges_nothing()
    {
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(fixture.BaseAddress + "/stations/wnyc-fm");
        await page.GetByLabel("Another amount").CheckAsync();
        await page.GetByLabel("Other amount in US dollars").FillAsync("12.50");
        await page.GetByLabel("Email for your receipt").FillAsync("listener@example.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Review pledge" }).ClickAsync();
        await Assertions.Expect(page.Locator("#quote-charged")).ToHaveTextAsync("$12.50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();

        await page.GetByLabel("Card number").FillAsync("4000 0000 0000 0002");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay $12.50" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Your card was declined.");
        await page.GotoAsync(fixture.BaseAddress + "/stations/wnyc-fm");
        await Assertions.Expect(page.Locator("#escrow-waiting")).ToHaveTextAsync("$0.00");
    }

    [Fact]
    public async Task An_amount_below_the_minimum_is_explained_next_to_the_form()
    {
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(fixture.BaseAddress + "/stations/kqed-fm");
        await page.GetByLabel("Another amount").CheckAsync();
        await page.GetByLabel("Other amount in US dollars").FillAsync("0.50");
        await page.GetByLabel("Email for your receipt").FillAsync("listener@example.test");

        await page.GetByRole(AriaRole.Button, new() { Name = "Review pledge" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Pledge between $1.00 and $10,000.00.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" })).ToHaveCountAsync(0);
        await AccessibilityAssert.NoSeriousViolationsAsync(page);
    }
}

[Collection(BrowserCollection.Name)]
public sealed partial class MonthlyPledgeBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_signed_in_listener_pledges_monthly_and_cancels_through_the_receipt_link()
    {
        var email = $"{Guid.NewGuid():N}@example.test";
        await fixture.CreateListenerAsync(email);
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(fixture.BaseAddress + "/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Support.Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "My giving" })).ToBeVisibleAsync();

        await page.GotoAsync(fixture.BaseAddress + "/stations/kuow-fm");
        await page.GetByLabel("$10.00").CheckAsync();
        await page.GetByLabel("Monthly").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review pledge" }).ClickAsync();
        await Assertions.Expect(page.Locator("#quote-charged")).ToHaveTextAsync("$10.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
        await page.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay $10.00" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you!" })).ToBeVisibleAsync();

        var receipt = await Support.Accounts.MailToAsync(fixture.Factory, email, "Your receipt");
        await page.GotoAsync(CancelLink().Match(receipt.TextBody ?? "").Value);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cancel your monthly pledge?" })).ToBeVisibleAsync();
        await AccessibilityAssert.NoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel my monthly pledge" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your monthly pledge is cancelled" })).ToBeVisibleAsync();

        await page.GotoAsync(fixture.BaseAddress + "/me/giving");
        await Assertions.Expect(page.Locator(".pledge-status")).ToHaveTextAsync("Cancelled");
        await Assertions.Expect(page.Locator("#total-given")).ToHaveTextAsync("$10.00");
        await AccessibilityAssert.NoSeriousViolationsAsync(page);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"https?://\S+/cancel\?token=\S+")]
    private static partial System.Text.RegularExpressions.Regex CancelLink();
}

internal static class AccessibilityAssert
{
    public static async Task NoSeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{page.Url}: {v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious));
    }
}
