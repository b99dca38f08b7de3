using System.Globalization;
using EmanciPay.Application.Common;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EmanciPay.IntegrationTests.Browser;

/// <summary>
/// Issue 10: finance runs a reconciliation from the page, follows it to its result, and works the discrepancy it finds
/// (a payment booked that Stripe never made); the integrity and audit pages pass axe too.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FinanceReconciliationBrowserTests(BrowserFixture fixture)
{
    private const string Finance = "finance-reconciliation-browser@example.test";

    [Fact]
    public async Task Finance_runs_a_reconciliation_sees_its_result_and_explains_the_discrepancy_it_found()
    {
        var key = await fixture.CreateUserAsync(Finance, Roles.Finance, twoFactor: true);
        var ghost = $"pi_browser_ghost_{Guid.NewGuid():N}";
        await BookPaymentStripeNeverMadeAsync(ghost);
        var today = DateTime.UtcNow.Date;

        var page = await (await fixture.Browser.NewContextAsync()).NewPageAsync();
        await SignInAsync(page, key!);
        await page.GotoAsync(fixture.BaseAddress + "/finance");
        await page.GetByRole(AriaRole.Link, new() { Name = "Reconciliation", Exact = true }).First.ClickAsync();
        await AccessibilityAssert.NoSeriousViolationsAsync(page);
        await page.GetByLabel("From (UTC, included)").FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("To (UTC, not included)").FillAsync(today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Reconcile" }).ClickAsync();

        // The run page shows its progress, polled while the job runs, and reloads with the result when it ends.
        await Assertions.Expect(page.Locator("#progress")).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = ghost });
        await Assertions.Expect(row).ToContainTextAsync("missing at stripe", new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("succeeded");
        await AccessibilityAssert.NoSeriousViolationsAsync(page);

        await row.GetByLabel("Note").FillAsync("Booked by a test: Stripe never made this payment.");
        await row.GetByRole(AriaRole.Button, new() { Name = "Mark explained" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = ghost })).ToContainTextAsync("explained: Booked by a test");
        await AccessibilityAssert.NoSeriousViolationsAsync(page);

        await page.GotoAsync(fixture.BaseAddress + "/finance/integrity");
        await AccessibilityAssert.NoSeriousViolationsAsync(page);
        await page.GotoAsync(fixture.BaseAddress + "/admin/audit");
        await Assertions.Expect(page.GetByText("ExplainDiscrepancy").First).ToBeVisibleAsync();
        await AccessibilityAssert.NoSeriousViolationsAsync(page);
    }

    /// <summary>A payment in the ledger that Stripe has no charge for: the run reports it missing at Stripe.</summary>
    private async Task BookPaymentStripeNeverMadeAsync(string paymentIntentId)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var station = await services.GetRequiredService<IAppDbContext>().Recipients.Where(r => r.Slug == "wfmu").Select(r => r.Id).SingleAsync();
        await services.GetRequiredService<IUnitOfWork>().InTransactionAsync(
            async ct =>
            {
                var ledger = services.GetRequiredService<LedgerBook>();
                var stripe = await ledger.PlatformAccountAsync(PlatformAccount.StripeBalance, Currency.Usd, ct);
                var escrow = await ledger.EscrowAccountAsync(station, Currency.Usd, ct);
                await ledger.PostAsync(EntryCause.PledgePayment(paymentIntentId), "Booked by a test", [new TransferRequest.Post(stripe.Id, escrow.Id, new Money(700, Currency.Usd))], ct);
                return true;
            },
            CancellationToken.None);
    }

    private async Task SignInAsync(IPage page, string authenticatorKey)
    {
        await page.GotoAsync(fixture.BaseAddress + "/account/login");
        await page.GetByLabel("Email").FillAsync(Finance);
        await page.GetByLabel("Password").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Code").FillAsync(Totp.Now(authenticatorKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }
}
