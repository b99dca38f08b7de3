using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmanciPay.IntegrationTests.Faults;

/// <summary>What every database fault must look like from outside: a quick 503, never a 500 after the command timeout.</summary>
internal static class DatabaseFaultChecks
{
    /// <summary>The lock timeout (5 s) and a wide margin for a machine busy with other tests; the command timeout was 30 s.</summary>
    public static readonly TimeSpan Quickly = TimeSpan.FromSeconds(15);

    public static async Task<(HttpResponseMessage Response, TimeSpan Took)> TimedAsync(Func<Task<HttpResponseMessage>> request)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await request();
        return (response, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>503 problem+json with its fault's code and a Retry-After, answered well within the old 30 s.</summary>
    public static async Task AssertUnavailableAsync((HttpResponseMessage Response, TimeSpan Took) answer, string code, int retryAfterSeconds)
    {
        var (response, took) = answer;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        Assert.Equal(TimeSpan.FromSeconds(retryAfterSeconds), response.Headers.RetryAfter?.Delta);
        Assert.True(took < Quickly, $"The 503 took {took.TotalSeconds:0.0} s.");
    }

    public static async Task<(HttpStatusCode Status, string Body, TimeSpan Took)> ReadyAsync(EmanciPayFactory factory)
    {
        using var client = factory.CreateClient();
        var (response, took) = await TimedAsync(() => client.GetAsync("/health/ready"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), took);
    }

    /// <summary>Health probes get a second or so from orchestrators: the readiness check must answer within a few.</summary>
    public static async Task AssertUnreadyAsync(EmanciPayFactory factory)
    {
        var (status, body, took) = await ReadyAsync(factory);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (status, body));
        // The probe waits a second for the writer queue and a second for the lock; the rest is margin for a busy machine.
        Assert.True(took < TimeSpan.FromSeconds(6), $"/health/ready took {took.TotalSeconds:0.0} s.");
    }

    public static async Task AssertReadyAsync(EmanciPayFactory factory)
    {
        var (status, body, _) = await ReadyAsync(factory);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (status, body));
    }

    /// <summary>A browser gets the site's own 503 page, with Retry-After, not a stack trace or a bare status.</summary>
    public static async Task AssertFriendlyPageAsync(HttpResponseMessage response)
    {
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Back in a moment", page, StringComparison.Ordinal);
        Assert.Contains("Please try again in a minute.", page, StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
    }

    public static HttpClient BrowserClient(EmanciPayFactory factory)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return client;
    }

    /// <summary>The station page's pledge form, filled in, read while the database still answers.</summary>
    public static async Task<FormUrlEncodedContent> PayFormAsync(HttpClient browser)
    {
        var page = await new HtmlParser().ParseDocumentAsync(await browser.GetStringAsync("/stations/kexp-fm"));
        return new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Form.Choice"] = "other",
            ["Form.OtherAmount"] = "12",
            ["Form.Monthly"] = "false",
            ["Form.Email"] = "listener@example.test",
            ["Form.IdempotencyKey"] = Guid.NewGuid().ToString("N"),
        });
    }

    public static async Task<HttpResponseMessage> PledgeAsync(PledgeKit kit, string key) =>
        await kit.PostPledgeAsync(PledgeKit.Body(1200), key);

    public static async Task AssertCreatedAsync(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
}
