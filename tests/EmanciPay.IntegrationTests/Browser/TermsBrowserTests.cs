using System.IO.Compression;
using System.Text.Json;
using Microsoft.Playwright;

namespace EmanciPay.IntegrationTests.Browser;

/// <summary>
/// A listener sets their terms and details in the browser, then downloads their record and finds those terms in it (the
/// JSON and the CSV zip): every control labelled, the choice kept, axe clean.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TermsBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_listener_sets_their_terms_and_details_sees_them_kept_and_downloads_them_in_the_export()
    {
        const string email = "terms-browser@example.test";
        await fixture.CreateListenerAsync(email);
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseAddress + "/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Support.Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "My giving" })).ToBeVisibleAsync();

        await page.GotoAsync(fixture.BaseAddress + "/me/giving");
        await page.GetByRole(AriaRole.Link, new() { Name = "Your terms" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My terms", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Show my name")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Contact me by email only")).ToBeCheckedAsync();
        await AccessibilityAssert.NoSeriousViolationsAsync(page);

        await page.GetByLabel("Keep me anonymous").CheckAsync();
        await page.GetByLabel("Do not contact me at all").CheckAsync();
        await page.GetByLabel("No thank-you gifts").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my terms" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your terms are saved");
        await Assertions.Expect(page.GetByLabel("Keep me anonymous")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Do not contact me at all")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("No thank-you gifts")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Don't ask me again this year")).Not.ToBeCheckedAsync();
        await AccessibilityAssert.NoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "your details and which stations can see what" }).ClickAsync();
        await page.GetByLabel("Your name").FillAsync("Terms Browser");
        await page.GetByLabel("Your postal address").FillAsync("1 Test Street\nSeattle");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my details" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your details are saved");
        await Assertions.Expect(page.GetByLabel("Your name")).ToHaveValueAsync("Terms Browser");
        await Assertions.Expect(page.GetByText("You have not given to any station yet")).ToBeVisibleAsync();
        await AccessibilityAssert.NoSeriousViolationsAsync(page);

        string[] chosen = ["cc-anonymous@1", "cc-contact-none@1", "cc-no-sharing@1", "cc-no-gifts@1"];
        await page.GotoAsync(fixture.BaseAddress + "/me/giving");
        await page.GetByRole(AriaRole.Link, new() { Name = "Download your data, read your year-end statements, or delete your account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your record", Level = 1 })).ToBeVisibleAsync();
        var json = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download as JSON" }).ClickAsync());
        var record = JsonDocument.Parse(await File.ReadAllTextAsync((await json.PathAsync())!)).RootElement;
        Assert.Equal(email, record.GetProperty("email").GetString());
        Assert.Equal(chosen, record.GetProperty("terms").EnumerateArray().Select(t => $"{t.GetProperty("id").GetString()}@{t.GetProperty("version").GetInt32()}"));
        Assert.All(record.GetProperty("terms").EnumerateArray(), t => Assert.NotEqual(JsonValueKind.Null, t.GetProperty("chosenAt").ValueKind));
        Assert.Empty(record.GetProperty("basketSplits").EnumerateArray());
        Assert.Empty(record.GetProperty("agreements").EnumerateArray());

        var zip = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download as CSV files (zip)" }).ClickAsync());
        using (var archive = new ZipArchive(File.OpenRead((await zip.PathAsync())!)))
        {
            var terms = new StreamReader(archive.GetEntry("terms.csv")!.Open()).ReadToEnd();
            Assert.All(chosen, t => Assert.Contains(t.Split('@')[0] + ",1,", terms, StringComparison.Ordinal));
            Assert.NotNull(archive.GetEntry("basket-splits.csv"));
            Assert.NotNull(archive.GetEntry("agreements.csv"));
        }

        await AccessibilityAssert.NoSeriousViolationsAsync(page);
        await context.CloseAsync();
    }
}
