using System.Text.RegularExpressions;
using EmanciPay.Application.Common;
using EmanciPay.IntegrationTests.Support;
using Microsoft.Playwright;

namespace EmanciPay.IntegrationTests.Browser;

/// <summary>Issue 10: finance finds a listener's payment and refunds part of it; the listener sees it in My giving.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FinanceRefundBrowserTests(BrowserFixture fixture)
{
    private const string Finance = "finance-refund-browser@example.test";
    private const string Listener = "refund-listener@example.test";

    [Fact]
    public async Task Finance_finds_a_payment_and_refunds_part_of_it_and_the_listener_sees_the_refund()
    {
        var financeKey = await fixture.CreateUserAsync(Finance, Roles.Finance, twoFactor: true);
        await fixture.CreateListenerAsync(Listener);

        var listener = await NewPageAsync();
        await SignInAsync(listener, Listener);
        await listener.GotoAsync(fixture.BaseAddress + "/stations/wfmu");
        await listener.GetByLabel("$10.00").CheckAsync();
        await listener.GetByRole(AriaRole.Button, new() { Name = "Review pledge" }).ClickAsync();
        await listener.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
        await listener.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await listener.GetByRole(AriaRole.Button, new() { Name = "Pay $10.00" }).ClickAsync();
        await Assertions.Expect(listener.GetByRole(AriaRole.Heading, new() { Name = "Thank you!" })).ToBeVisibleAsync();

        var finance = await NewPageAsync();
        await SignInAsync(finance, Finance, financeKey);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            await finance.GotoAsync(fixture.BaseAddress + "/finance/payments?q=" + Uri.EscapeDataString(Listener));
        }
        while (await finance.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^pi_") }).CountAsync() == 0 && DateTime.UtcNow < deadline && await Delay());
        await AccessibilityAssert.NoSeriousViolationsAsync(finance);
        await finance.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^pi_") }).First.ClickAsync();
        await Assertions.Expect(finance.Locator("#refundable")).ToHaveTextAsync("$10.00");
        await AccessibilityAssert.NoSeriousViolationsAsync(finance);

        // A refund without a reason is refused, naming the field; with one, it goes through.
        await finance.GetByLabel("Amount to refund (USD)").FillAsync("2.50");
        await finance.GetByRole(AriaRole.Button, new() { Name = "Refund" }).ClickAsync();
        await Assertions.Expect(finance.Locator("#form-errors")).ToContainTextAsync("Reason");
        await AccessibilityAssert.NoSeriousViolationsAsync(finance);
        await finance.GetByLabel("Reason (required)").FillAsync("The listener meant to give $7.50");
        await finance.GetByRole(AriaRole.Button, new() { Name = "Refund" }).ClickAsync();
        await Assertions.Expect(finance.Locator("#refund-done")).ToContainTextAsync("Refunded $2.50 to the listener");
        await Assertions.Expect(finance.Locator("#refundable")).ToHaveTextAsync("$7.50");
        await AccessibilityAssert.NoSeriousViolationsAsync(finance);

        await listener.GotoAsync(fixture.BaseAddress + "/me/giving");
        await Assertions.Expect(listener.Locator("td[data-label=Refund]").First).ToContainTextAsync("$2.50 refunded");
        await AccessibilityAssert.NoSeriousViolationsAsync(listener);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(500);
        return true;
    }

    private async Task<IPage> NewPageAsync() => await (await fixture.Browser.NewContextAsync()).NewPageAsync();

    private async Task SignInAsync(IPage page, string email, string? authenticatorKey = null)
    {
        await page.GotoAsync(fixture.BaseAddress + "/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        if (authenticatorKey is not null)
        {
            await page.GetByLabel("Code").FillAsync(Totp.Now(authenticatorKey));
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }
}
