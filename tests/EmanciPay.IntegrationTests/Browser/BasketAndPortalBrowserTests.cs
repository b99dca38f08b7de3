using System.Globalization;
using Microsoft.Playwright;

namespace EmanciPay.IntegrationTests.Browser;

/// <summary>
/// The basket review before paying (each station's share, its part of the fee, what it receives, adding up to the
/// cent) and the donor portal on My giving (a refused change, a change, a pause), on a desktop and a 390-pixel phone;
/// axe finds nothing serious on any page visited.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BasketAndPortalBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_listener_reviews_their_basket_split_then_changes_and_pauses_a_monthly_pledge_on_my_giving()
    {
        const string email = "portal-browser@example.test";
        await fixture.CreateListenerAsync(email);
        var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, email);
        await MonthlyPledgeAsync(page, "/stations/kuow-fm");

        await page.GotoAsync(fixture.BaseAddress + "/me/basket");
        await AccessibilityAssert.NoSeriousViolationsAsync(page);
        await AddGiftAsync(page, "wnyc-fm", "5");
        await AddGiftAsync(page, "kexp-fm", "3.33");

        var next = page.Locator("section[aria-labelledby^=next-]").First;
        await Assertions.Expect(next.GetByRole(AriaRole.Row).Filter(new() { HasText = "WNYC" })).ToContainTextAsync("$5.00");
        await Assertions.Expect(next.GetByRole(AriaRole.Row).Filter(new() { HasText = "KEXP" })).ToContainTextAsync("$3.33");
        var lines = next.Locator("tbody tr");
        var (shares, fees, receives) = (0m, 0m, 0m);
        for (var i = 0; i < await lines.CountAsync(); i++)
        {
            var (share, fee, net) = (await CellAsync(lines.Nth(i), "Share"), await CellAsync(lines.Nth(i), "Card fee"), await CellAsync(lines.Nth(i), "Station receives"));
            Assert.True(fee > 0 && share == fee + net, $"Line {i}: share {share}, fee {fee}, station receives {net}.");
            (shares, fees, receives) = (shares + share, fees + fee, receives + net);
        }

        var total = next.Locator("tfoot tr");
        Assert.Equal((shares, fees, receives), (await CellAsync(total, "Share"), await CellAsync(total, "Card fee"), await CellAsync(total, "Station receives")));
        Assert.True(shares >= 8.33m, $"The basket comes to {shares}, less than the two gifts.");
        await AccessibilityAssert.NoSeriousViolationsAsync(page);

        await page.GotoAsync(fixture.BaseAddress + "/me/giving");
        var amount = page.GetByLabel("Dollars a month");
        await Assertions.Expect(amount).ToHaveValueAsync("10.00");
        await amount.FillAsync("ten dollars");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change amount" }).ClickAsync();
        await Assertions.Expect(page.Locator("#error-summary")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#error-summary")).ToContainTextAsync("Enter an amount in dollars");
        await Assertions.Expect(amount).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(amount).ToHaveValueAsync("ten dollars");
        await AccessibilityAssert.NoSeriousViolationsAsync(page);

        await amount.FillAsync("12.50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change amount" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is now $12.50 a month, from your next basket");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "KUOW: $12.50 a month" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause until I resume" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your pledge is paused");
        await Assertions.Expect(page.Locator("li.pledge", new() { HasText = "KUOW" }).Locator(".pledge-status")).ToContainTextAsync("Paused since");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Resume from next basket" })).ToBeVisibleAsync();
        await AccessibilityAssert.NoSeriousViolationsAsync(page);
        var mail = await Support.Accounts.MailToAsync(fixture.Factory, email, "is paused");
        Assert.Contains("until you resume it", mail.TextBody, StringComparison.Ordinal);

        await page.GotoAsync(fixture.BaseAddress + "/me/basket");
        await Assertions.Expect(page.Locator("#paused-pledges")).ToContainTextAsync("KUOW: $12.50 a month");
        await AccessibilityAssert.NoSeriousViolationsAsync(page);

        var phone = await context.NewPageAsync();
        await phone.SetViewportSizeAsync(390, 844);
        await phone.GotoAsync(fixture.BaseAddress + "/me/giving");
        await Assertions.Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Resume from next basket" })).ToBeVisibleAsync();
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "My giving is wider than a 390-pixel phone.");
        var field = (await phone.GetByLabel("Dollars a month").BoundingBoxAsync())!;
        Assert.True(field.X >= 0 && field.X + field.Width <= 390, $"The amount field spans {field.X}..{field.X + field.Width} on a 390-pixel screen.");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Resume from next basket" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("resumed from your next basket");
        await AccessibilityAssert.NoSeriousViolationsAsync(phone);
        await context.CloseAsync();
    }

    private async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync(fixture.BaseAddress + "/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Support.Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "My giving" })).ToBeVisibleAsync();
    }

    /// <summary>A monthly pledge of 10.00 paid at checkout: it saves the card the basket is charged to.</summary>
    private async Task MonthlyPledgeAsync(IPage page, string station)
    {
        await page.GotoAsync(fixture.BaseAddress + station);
        await page.GetByLabel("$10.00").CheckAsync();
        await page.GetByLabel("Monthly").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review pledge" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
        await page.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay $10.00" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you!" })).ToBeVisibleAsync();
    }

    private static async Task AddGiftAsync(IPage page, string station, string dollars)
    {
        await page.Locator("#Gift_Station").FillAsync(station);
        await page.Locator("#Gift_Amount").FillAsync(dollars);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to basket" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your gift is in your next basket.");
    }

    private static async Task<decimal> CellAsync(ILocator row, string label) =>
        decimal.Parse((await row.Locator($"td[data-label='{label}']").InnerTextAsync()).Trim().TrimStart('$'), NumberStyles.Number, CultureInfo.InvariantCulture);
}
