using System.IO.Compression;
using System.Text.Json;
using Microsoft.Playwright;

namespace EmanciPay.IntegrationTests.Browser;

/// <summary>Your record in a browser: reached from My giving, both downloads, and deleting the account; axe finds nothing serious.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ListenerRecordBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_listener_downloads_their_record_as_json_and_csv_then_deletes_the_account()
    {
        const string email = "record-browser@example.test";
        await fixture.CreateListenerAsync(email);
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseAddress + "/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Support.Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync(fixture.BaseAddress + "/me/giving");
        await page.GetByRole(AriaRole.Link, new() { Name = "Download your data, read your year-end statements, or delete your account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your record", Level = 1 })).ToBeVisibleAsync();
        await AccessibilityAssert.NoSeriousViolationsAsync(page);

        var zip = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download as CSV files (zip)" }).ClickAsync());
        Assert.EndsWith(".zip", zip.SuggestedFilename, StringComparison.Ordinal);
        using (var archive = new ZipArchive(File.OpenRead((await zip.PathAsync())!)))
        {
            Assert.Contains(archive.Entries, e => e.FullName == "pledges.csv");
        }

        var json = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download as JSON" }).ClickAsync());
        var record = JsonDocument.Parse(await File.ReadAllTextAsync((await json.PathAsync())!)).RootElement;
        Assert.Equal(email, record.GetProperty("email").GetString());

        await page.GetByLabel("Type the email address you sign in with to confirm").FillAsync("not-me@example.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Assertions.Expect(page.Locator("#delete-errors")).ToContainTextAsync("Type the email address you sign in with");
        await Assertions.Expect(page.GetByLabel("Type the email address you sign in with to confirm")).ToHaveAttributeAsync("aria-invalid", "true");
        await AccessibilityAssert.NoSeriousViolationsAsync(page);

        await page.GetByLabel("Type the email address you sign in with to confirm").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account is deleted" })).ToBeVisibleAsync();
        await AccessibilityAssert.NoSeriousViolationsAsync(page);
        await context.CloseAsync();
    }
}
