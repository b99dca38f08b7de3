using Microsoft.Playwright;

namespace EmanciPay.IntegrationTests.Browser;

/// <summary>A listener proves a gift without saying who they are, shares it on a page of their own, and a fan site frames the station's pledge button: each page axe-clean.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GivingOutLoudBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_listener_makes_a_proof_checks_it_revokes_it_and_shares_the_gift_on_a_public_page()
    {
        const string email = "out-loud@example.test";
        await fixture.CreateListenerAsync(email);
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(fixture.BaseAddress + "/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Support.Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "My giving" })).ToBeVisibleAsync();
        await page.GotoAsync(fixture.BaseAddress + "/stations/wbur-fm");
        await page.GetByLabel("$10.00").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review pledge" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
        await page.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay $10.00" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you!" })).ToBeVisibleAsync();

        await page.GotoAsync(fixture.BaseAddress + "/me/giving");
        await page.GetByRole(AriaRole.Link, new() { Name = "Proof of giving" }).ClickAsync();
        await AccessibilityAssert.NoSeriousViolationsAsync(page);
        await page.GetByLabel("Station and year").SelectOptionAsync(new SelectOptionValue { Label = $"WBUR, {DateTime.UtcNow.Year}" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Make a proof" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code of the proof's link" })).ToBeVisibleAsync();
        await AccessibilityAssert.NoSeriousViolationsAsync(page);
        var link = await page.GetByLabel("Link", new() { Exact = true }).InputValueAsync();

        var stranger = await fixture.Browser.NewPageAsync();
        await stranger.GotoAsync(link);
        await Assertions.Expect(stranger.GetByRole(AriaRole.Heading, new() { Name = "Valid: a supporter of WBUR gave in" })).ToBeVisibleAsync();
        await Assertions.Expect(stranger.GetByText(email)).ToHaveCountAsync(0);
        await AccessibilityAssert.NoSeriousViolationsAsync(stranger);

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The proof is revoked")).ToBeVisibleAsync();
        await stranger.ReloadAsync();
        await Assertions.Expect(stranger.GetByRole(AriaRole.Heading, new() { Name = "Not valid: this proof was revoked" })).ToBeVisibleAsync();

        await page.GotoAsync(fixture.BaseAddress + "/me/giving");
        await page.GetByRole(AriaRole.Link, new() { Name = "sharing your giving" }).ClickAsync();
        await AccessibilityAssert.NoSeriousViolationsAsync(page);
        await page.GetByLabel("Handle").FillAsync("loud-listener");
        await page.GetByLabel("Publish my page and feed").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#public-page")).ToContainTextAsync("/givers/loud-listener");
        await page.Locator(".pledge-list select").First.SelectOptionAsync("amount");
        await page.Locator(".pledge-list button").First.ClickAsync();
        await Assertions.Expect(page.GetByText("That gift is shared.")).ToBeVisibleAsync();
        await AccessibilityAssert.NoSeriousViolationsAsync(page);

        await stranger.GotoAsync(fixture.BaseAddress + "/givers/loud-listener");
        await Assertions.Expect(stranger.Locator("#gifts")).ToContainTextAsync("Gave $10.00 to WBUR");
        await AccessibilityAssert.NoSeriousViolationsAsync(stranger);
    }

    [Fact]
    public async Task Another_site_frames_the_pledge_button_which_opens_the_pledge_form_and_the_snippet_page_is_accessible()
    {
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(fixture.BaseAddress + "/stations/kqed-fm/button");
        await Assertions.Expect(page.GetByLabel("Copy this into your page's HTML").First).ToContainTextAsync("/embed/kqed-fm");
        await AccessibilityAssert.NoSeriousViolationsAsync(page);

        await page.GotoAsync(fixture.BaseAddress + "/embed/kqed-fm");
        await AccessibilityAssert.NoSeriousViolationsAsync(page);

        // A fan's site, another origin (a port of its own on this machine), frames it: the frame loads, and its link
        // replaces the whole window.
        using var fanSite = FanSite.Serve($"<!DOCTYPE html><html lang=\"en\"><title>Fan site</title><iframe src=\"{fixture.BaseAddress}/embed/kqed-fm\" title=\"Pledge to KQED\" width=\"260\" height=\"72\"></iframe></html>");
        var fan = await fixture.Browser.NewPageAsync();
        await fan.GotoAsync(fanSite.Address);
        var button = fan.FrameLocator("iframe").GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("Pledge to KQED") });
        await Assertions.Expect(button).ToBeVisibleAsync();
        await button.ClickAsync();
        await fan.WaitForURLAsync(fixture.BaseAddress + "/stations/kqed-fm#pledge-heading");
        await Assertions.Expect(fan.GetByRole(AriaRole.Heading, new() { Name = "Pledge to KQED" })).ToBeVisibleAsync();
    }
}

/// <summary>Another site: one page served from a port of its own on this machine.</summary>
internal sealed class FanSite : IDisposable
{
    private readonly System.Net.HttpListener listener = new();

    private FanSite(string html)
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Address = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(Address);
        listener.Start();
        _ = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                var context = await listener.GetContextAsync();
                var body = System.Text.Encoding.UTF8.GetBytes(html);
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        });
    }

    public string Address { get; }

    public static FanSite Serve(string html) => new(html);

    public void Dispose() => listener.Close();
}
