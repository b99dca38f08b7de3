using System.Text.RegularExpressions;
using EmanciPay.Application.Common;
using EmanciPay.IntegrationTests.Support;
using Microsoft.Playwright;

namespace EmanciPay.IntegrationTests.Browser;

/// <summary>
/// The second half of the money path as its people see it: a manager claims WFMU and proves the address, an admin
/// approves, the manager onboards at Stripe, a listener gives, the manager is paid out, and the portal shows it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class StationClaimToPayoutBrowserTests(BrowserFixture fixture)
{
    private const string Manager = "manager-browser@example.test";
    private const string Admin = "admin-browser@example.test";

    [Fact]
    public async Task A_manager_claims_wfmu_onboards_and_is_paid_what_a_listener_gave()
    {
        await fixture.CreateUserAsync(Manager, Roles.Listener);
        var adminKey = await fixture.CreateUserAsync(Admin, Roles.Admin, twoFactor: true);

        var manager = await NewPageAsync();
        await SignInAsync(manager, Manager);
        await manager.GotoAsync(fixture.BaseAddress + "/stations/wfmu");
        await Assertions.Expect(manager.GetByText("has not joined EmanciPay and does not endorse this page")).ToBeVisibleAsync();
        await manager.GetByRole(AriaRole.Link, new() { Name = "Claim this station" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Claim WFMU WFMU", Level = 1 })).ToBeVisibleAsync();
        await AccessibilityAssert.NoSeriousViolationsAsync(manager);
        await manager.GetByLabel("Your email address at wfmu.org").FillAsync("gm@wfmu.org");
        await manager.GetByLabel("Phone number").FillAsync("+1 201 521 1416");
        await manager.GetByLabel("A note for the admin (optional)").FillAsync("General manager");
        await manager.GetByLabel("agrees to honour its listeners' terms").CheckAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Submit the claim" }).ClickAsync();

        var mail = await Accounts.MailToAsync(fixture.Factory, "gm@wfmu.org", "Confirm your claim to manage WFMU");
        await manager.GotoAsync(ConfirmLink().Match(mail.HtmlBody ?? mail.TextBody ?? "").Value.Replace("&amp;", "&", StringComparison.Ordinal));
        await manager.GetByRole(AriaRole.Button, new() { Name = "Confirm the address" }).ClickAsync();
        await Assertions.Expect(manager.Locator("#confirmed")).ToBeVisibleAsync();

        var admin = await NewPageAsync();
        await SignInAsync(admin, Admin, adminKey);
        await admin.GotoAsync(fixture.BaseAddress + "/admin/claims");
        await AccessibilityAssert.NoSeriousViolationsAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Approve") }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToBeVisibleAsync();

        // The manager's role arrives with the next sign-in.
        await manager.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await SignInAsync(manager, Manager);
        await manager.GotoAsync(fixture.BaseAddress + "/manage/wfmu/connect");
        await AccessibilityAssert.NoSeriousViolationsAsync(manager);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Start onboarding with Stripe" }).ClickAsync();
        await manager.GetByLabel("I accept the Stripe Connected Account Agreement").CheckAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Complete onboarding" }).ClickAsync();
        await Assertions.Expect(manager.GetByText("Payouts are enabled.")).ToBeVisibleAsync();

        var listener = await NewPageAsync();
        await listener.GotoAsync(fixture.BaseAddress + "/stations/wfmu");
        await listener.GetByLabel("$10.00").CheckAsync();
        await listener.GetByLabel("Email for your receipt").FillAsync("wfmu-listener@example.test");
        await listener.GetByRole(AriaRole.Button, new() { Name = "Review pledge" }).ClickAsync();
        await listener.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
        await listener.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await listener.GetByRole(AriaRole.Button, new() { Name = "Pay $10.00" }).ClickAsync();
        await Assertions.Expect(listener.GetByRole(AriaRole.Heading, new() { Name = "Thank you!" })).ToBeVisibleAsync();

        await UntilAsync(manager, "/manage/wfmu", () => manager.Locator("td[data-label=Available]").First.InnerTextAsync(), "$9.41");
        await AccessibilityAssert.NoSeriousViolationsAsync(manager);
        await manager.GotoAsync(fixture.BaseAddress + "/manage/wfmu/payouts");
        await AccessibilityAssert.NoSeriousViolationsAsync(manager);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Request payout" }).ClickAsync();

        await UntilAsync(manager, "/manage/wfmu/payouts", () => manager.Locator(".payout-status").First.InnerTextAsync(), "Paid");
        await UntilAsync(manager, "/manage/wfmu", () => manager.Locator("td[data-label=Available]").First.InnerTextAsync(), "$0.00");
        await Assertions.Expect(manager.Locator("td[data-label='Paid out']").First).ToHaveTextAsync("$9.41");
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

    /// <summary>Reloads the page until the text read from it contains <paramref name="expected"/>: webhooks and jobs run in the background.</summary>
    private async Task UntilAsync(IPage page, string path, Func<Task<string>> read, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var seen = "";
        while (DateTime.UtcNow < deadline)
        {
            await page.GotoAsync(fixture.BaseAddress + path);
            seen = await read();
            if (seen.Contains(expected, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"{path} still shows '{seen}' after 60 seconds, not '{expected}'.");
    }

    [GeneratedRegex("""https?://[^"\s<]+/claims/[0-9a-f-]{36}/confirm\?token=[^"\s<]+""")]
    private static partial Regex ConfirmLink();
}
