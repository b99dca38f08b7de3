using Microsoft.Playwright;

namespace EmanciPay.IntegrationTests.Browser;

/// <summary>A listener on a 375-pixel-wide phone: the review box, the errors, leaving checkout, and My giving.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ListenerOnAPhoneBrowserTests(BrowserFixture fixture)
{
    private Task<IPage> PhoneAsync() => fixture.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 375, Height = 667 }, IsMobile = true, HasTouch = true });

    [Fact]
    public async Task After_review_pledge_the_review_box_is_on_screen_and_leaving_checkout_says_nothing_was_charged()
    {
        var page = await PhoneAsync();
        await page.GotoAsync(fixture.BaseAddress + "/stations/kexp-fm");
        await page.GetByLabel("$25.00").CheckAsync();
        await page.GetByLabel("Email for your receipt").FillAsync("phone@example.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Review pledge" }).ClickAsync();

        await Assertions.Expect(page.Locator("#review")).ToBeInViewportAsync();
        await Assertions.Expect(page.Locator("#review")).ToBeFocusedAsync();
        await AccessibilityAssert.NoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel and go back" }).ClickAsync();
        await Assertions.Expect(page.GetByText("You left checkout before paying: nothing was charged.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Every_error_is_listed_the_fields_are_marked_and_the_first_takes_the_focus()
    {
        var page = await PhoneAsync();
        await page.GotoAsync(fixture.BaseAddress + "/stations/kexp-fm");
        await page.GetByLabel("Other amount in US dollars").FillAsync("12,50");
        await page.GetByLabel("Monthly").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review pledge" }).ClickAsync();

        var errors = page.Locator("#form-errors li");
        await Assertions.Expect(errors).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByLabel("Other amount in US dollars")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByLabel("Other amount in US dollars")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Email for your receipt")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#monthly")).ToHaveAttributeAsync("aria-invalid", "true");
        await AccessibilityAssert.NoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task My_giving_fits_the_phone_and_offers_to_continue_to_payment()
    {
        const string email = "phone-giving@example.test";
        await fixture.CreateListenerAsync(email);
        var page = await PhoneAsync();
        await page.GotoAsync(fixture.BaseAddress + "/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Support.Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "My giving" })).ToBeVisibleAsync();

        await PledgeAsync(page, "/stations/kuow-fm", pay: true);
        await PledgeAsync(page, "/stations/wnyc-fm", pay: false);
        await page.GotoAsync(fixture.BaseAddress + "/me/giving");

        await Assertions.Expect(page.Locator("table")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "My giving is wider than the phone.");
        var table = (await page.Locator("table").BoundingBoxAsync())!;
        Assert.True(table.X >= 0 && table.X + table.Width <= 375, $"The payments table spans {table.X}..{table.X + table.Width} on a 375-pixel screen.");
        await Assertions.Expect(page.GetByText("Station receives")).ToBeVisibleAsync();
        await AccessibilityAssert.NoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Card number")).ToBeVisibleAsync();
    }

    private async Task PledgeAsync(IPage page, string station, bool pay)
    {
        await page.GotoAsync(fixture.BaseAddress + station);
        await page.GetByLabel("$10.00").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review pledge" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
        if (pay)
        {
            await page.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
            await page.GetByRole(AriaRole.Button, new() { Name = "Pay $10.00" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you!" })).ToBeVisibleAsync();
        }
        else
        {
            await Assertions.Expect(page.GetByLabel("Card number")).ToBeVisibleAsync();
        }
    }
}
