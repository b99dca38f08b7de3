using EmanciPay.Application.Common;
using EmanciPay.IntegrationTests.Support;
using Microsoft.Playwright;

namespace EmanciPay.IntegrationTests.Browser;

/// <summary>
/// What a walk through the site as a listener, a newcomer and finance staff found: refused forms tie each error to its
/// field and give it the focus, staff are not offered listener pages that refuse them, and the statement fits a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WalkedPagesBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_refused_pledge_shows_each_error_under_its_field_and_names_it_in_the_fields_description()
    {
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(fixture.BaseAddress + "/stations/kexp-fm");
        await page.GetByLabel("Other amount in US dollars").FillAsync("0.50");
        await page.GetByLabel("Email for your receipt").FillAsync("not-an-address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Review pledge" }).ClickAsync();

        var amount = page.GetByLabel("Other amount in US dollars");
        await Assertions.Expect(amount).ToBeFocusedAsync();
        await Assertions.Expect(amount).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("Pledge between \\$1\\.00 and \\$10,000\\.00\\.$"));
        var email = page.GetByLabel("Email for your receipt");
        await Assertions.Expect(email).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(email).ToHaveAccessibleDescriptionAsync("Enter an email address we can send your receipt to, like name@example.com.");
        await Assertions.Expect(page.GetByText("'Email'")).ToHaveCountAsync(0);
        await AccessibilityAssert.NoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task A_refused_sign_up_marks_each_field_in_plain_words_and_the_first_takes_the_focus()
    {
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(fixture.BaseAddress + "/account/register");
        await page.GetByLabel("Email").FillAsync("walker@");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        var email = page.GetByLabel("Email");
        await Assertions.Expect(email).ToBeFocusedAsync();
        await Assertions.Expect(email).ToHaveAccessibleDescriptionAsync("Enter an email address like name@example.com.");
        await Assertions.Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Password again")).ToHaveAccessibleDescriptionAsync("The two passwords are not the same.");
        await Assertions.Expect(page.GetByText("ConfirmPassword")).ToHaveCountAsync(0);
        await AccessibilityAssert.NoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Finance_staff_are_offered_the_finance_home_and_no_listener_page_that_would_refuse_them()
    {
        const string email = "finance-walk@example.test";
        var key = await fixture.CreateUserAsync(email, Roles.Finance, twoFactor: true);
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(fixture.BaseAddress + "/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Code").FillAsync(Totp.Now(key!));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await nav.GetByRole(AriaRole.Link, new() { Name = "Finance" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Finance", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "My giving" })).ToHaveCountAsync(0);
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "My claims" })).ToHaveCountAsync(0);
        await page.GotoAsync(fixture.BaseAddress + "/account");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Your giving" })).ToHaveCountAsync(0);

        // A month refused by two rules with the same words says it once, and the field takes the focus.
        await page.GotoAsync(fixture.BaseAddress + "/finance/reconciliation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lock month" }).ClickAsync();
        await Assertions.Expect(page.Locator("#form-errors li")).ToHaveTextAsync(["Give the month as yyyy-MM."]);
        await Assertions.Expect(page.GetByLabel("Month to lock (yyyy-MM)")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByLabel("Month to lock (yyyy-MM)")).ToHaveAttributeAsync("aria-invalid", "true");
    }

    [Fact]
    public async Task A_claim_without_the_terms_agreed_says_so_at_the_checkbox()
    {
        const string email = "claim-walk@example.test";
        await fixture.CreateListenerAsync(email);
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(fixture.BaseAddress + "/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync(fixture.BaseAddress + "/stations/kcrw/claim");
        await page.GetByLabel("Your email address at kcrw.com").FillAsync("gm@kcrw.com");
        await page.GetByLabel("Phone number").FillAsync("+1 310 450 5183");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the claim" }).ClickAsync();

        var agree = page.GetByLabel("agrees to honour its listeners' terms");
        await Assertions.Expect(agree).ToBeFocusedAsync();
        await Assertions.Expect(agree).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("A station must agree to honour its listeners' terms to claim it\\.$"));
        await AccessibilityAssert.NoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task After_paying_the_listener_is_led_on_and_the_years_statement_fits_a_phone()
    {
        const string email = "statement-walk@example.test";
        await fixture.CreateListenerAsync(email);
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(fixture.BaseAddress + "/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync(fixture.BaseAddress + "/stations/kpbs-fm");
        await page.GetByLabel("$25.00").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review pledge" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
        await page.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay $25.00" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you!" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "My giving" })).ToBeVisibleAsync();

        await page.SetViewportSizeAsync(390, 844);
        var year = DateTime.UtcNow.Year;
        // The payment reaches the ledger from the webhook, in the background.
        await page.GotoAsync($"{fixture.BaseAddress}/me/statements/{year}");
        for (var tries = 0; tries < 120 && await page.Locator("table").CountAsync() == 0; tries++)
        {
            await Task.Delay(500);
            await page.GotoAsync($"{fixture.BaseAddress}/me/statements/{year}");
        }

        await Assertions.Expect(page.Locator("td[data-label=Given]").First).ToHaveTextAsync("$25.00");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The statement is wider than a 390-pixel phone.");
        await AccessibilityAssert.NoSeriousViolationsAsync(page);
    }
}
