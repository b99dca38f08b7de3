using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>What Lighthouse and axe look for on every page: a favicon, a description, every part in a landmark, compressed text (but never a secret beside echoed input over HTTPS).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PageAuditTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private static readonly string[] Pages = ["/", "/stations/kexp-fm", "/account/login", "/account/register",
        "/api/reference/v1", "/api/reference/v1/pledges", "/api/reference/v1/schemas/CreatePledgeResult"];

    [Fact]
    public async Task The_favicon_is_served()
    {
        using var client = App.Factory.CreateClient();

        var ico = await client.GetAsync("/favicon.ico");
        var svg = await client.GetAsync("/favicon.svg");

        Assert.Equal((HttpStatusCode.OK, "image/x-icon"), (ico.StatusCode, ico.Content.Headers.ContentType?.MediaType));
        Assert.Equal((HttpStatusCode.OK, "image/svg+xml"), (svg.StatusCode, svg.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task Every_page_has_its_own_description_links_its_icon_and_keeps_the_test_mode_banner_in_the_header()
    {
        await new PledgeKit(App).AddStationAsync();
        using var client = App.Factory.CreateClient();
        var descriptions = new List<string>();

        foreach (var path in Pages)
        {
            var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(path));

            var description = page.QuerySelector("meta[name=description]")?.GetAttribute("content");
            Assert.False(string.IsNullOrWhiteSpace(description), $"{path} has no meta description");
            descriptions.Add(description!);
            var icon = page.QuerySelector("link[rel=icon][sizes='32x32']")?.GetAttribute("href");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(icon)).StatusCode);
            Assert.NotNull(page.QuerySelector("header .test-mode"));
        }

        Assert.Equal(Pages.Length, descriptions.Distinct().Count());
    }

    /// <summary>Styles and scripts are precompressed at build by MapStaticAssets (gzip and Brotli); this is the app's own compression of what it generates.</summary>
    [Theory]
    [InlineData("http://localhost", "/", true)]
    [InlineData("http://localhost", "/account/login", true)]
    [InlineData("https://localhost", "/", true)]
    [InlineData("https://localhost", "/api/reference/v1", true)]
    [InlineData("https://localhost", "/api/reference/v1/identity", true)]
    [InlineData("https://localhost", "/api/v1/stations", true)]
    [InlineData("https://localhost", "/account/login", false)]
    [InlineData("https://localhost", "/stations/kexp-fm", false)]
    [InlineData("https://localhost", "/api/v1/antiforgery", false)]
    public async Task Text_is_compressed_except_over_https_beside_an_antiforgery_token(string origin, string path, bool compressed)
    {
        await new PledgeKit(App).AddStationAsync();
        using var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(origin), AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(compressed ? ["br"] : [], response.Content.Headers.ContentEncoding);
    }
}
