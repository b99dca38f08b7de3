using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>
/// The API reference is an index, a page per tag and a page per schema: every one is reached from the index, every
/// link in them resolves, and none is the 2,000-element document that kept a phone's Lighthouse score under 90.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ApiReferenceTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private const string Index = "/api/reference/v1";

    // Lighthouse flags a DOM of more than 800 elements; the single page had 1,992.
    private const int MostElements = 800;

    [Fact]
    public async Task Every_page_of_the_reference_is_reached_from_the_index_answers_200_is_small_and_all_its_links_resolve()
    {
        using var client = HtmlClient();
        var pages = await CrawlAsync(client);
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var tags = document.GetProperty("tags").EnumerateArray().Select(tag => tag.GetProperty("name").GetString()!.ToLowerInvariant());
        var schemas = document.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(schema => schema.Name);

        string[] expected = [Index, .. tags.Select(tag => $"{Index}/{tag}"), .. schemas.Select(schema => $"{Index}/schemas/{schema}")];

        Assert.Equal(expected.Order(StringComparer.Ordinal), pages.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, page) in pages)
        {
            Assert.True(page.All.Length < MostElements, $"{path} has {page.All.Length} elements");
            Assert.Single(page.QuerySelectorAll("h1"));
            var levels = page.QuerySelectorAll("main h1, main h2, main h3, main h4").Select(heading => heading.LocalName[1] - '0').ToList();
            Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"{path} skips from h{pair.First} to h{pair.Second}"));
            Assert.All(page.QuerySelectorAll("a"), link => Assert.False(string.IsNullOrWhiteSpace(link.TextContent), $"{path} has a link without text"));
        }

        var broken = new List<string>();
        foreach (var (path, page) in pages)
        {
            foreach (var href in page.QuerySelectorAll("a[href]").Select(link => link.GetAttribute("href")!).Distinct())
            {
                broken.AddRange(await BrokenAsync(client, pages, path, href));
            }
        }

        Assert.Empty(broken);
    }

    [Fact]
    public async Task An_operation_links_each_schema_it_refers_to_and_the_schema_page_shows_its_fields()
    {
        using var client = HtmlClient();

        var pledges = await ParseAsync(await client.GetStringAsync($"{Index}/pledges"));
        var schema = await ParseAsync(await client.GetStringAsync($"{Index}/schemas/CreatePledgeResult"));

        var create = pledges.GetElementById("CreatePledge")!.ParentElement!;
        Assert.Equal("POST /api/v1/pledges", create.QuerySelector("h2")!.TextContent);
        Assert.Contains(create.QuerySelectorAll("a"), link => link.GetAttribute("href") == $"{Index}/schemas/CreatePledgeResult");
        Assert.Contains(create.QuerySelectorAll("a"), link => link.GetAttribute("href") == $"{Index}/schemas/PledgeRequest");
        Assert.Equal("CreatePledgeResult", schema.QuerySelector("h1")!.TextContent);
        Assert.Contains(schema.QuerySelectorAll("table th[scope=row] code"), field => field.TextContent == "checkoutUrl");
    }

    [Theory]
    [InlineData(Index + "/nope")]
    [InlineData(Index + "/Pledges")]
    [InlineData(Index + "/schemas")]
    [InlineData(Index + "/schemas/Nope")]
    [InlineData(Index + "/schemas/createpledgeresult")]
    [InlineData(Index + "/schemas/%2e%2e%2fProblemDetails")]
    public async Task An_unknown_tag_or_schema_is_the_sites_404_page(string path)
    {
        using var client = HtmlClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("Page not found", page.QuerySelector("h1")?.TextContent);
    }

    /// <summary>Every page under the reference reachable from its index, by links alone.</summary>
    private static async Task<Dictionary<string, IDocument>> CrawlAsync(HttpClient client)
    {
        var pages = new Dictionary<string, IDocument>(StringComparer.Ordinal);
        var next = new Queue<string>([Index]);
        while (next.TryDequeue(out var path))
        {
            if (pages.ContainsKey(path))
            {
                continue;
            }

            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
            var page = await ParseAsync(await response.Content.ReadAsStringAsync());
            pages[path] = page;
            foreach (var link in page.QuerySelectorAll("a[href]").Select(link => PathOf(link.GetAttribute("href")!, path)))
            {
                if (link.StartsWith(Index, StringComparison.Ordinal))
                {
                    next.Enqueue(link);
                }
            }
        }

        return pages;
    }

    /// <summary>What is wrong with one link of a page: a page that does not answer 200, or a fragment with no such id where it points.</summary>
    private static async Task<IEnumerable<string>> BrokenAsync(HttpClient client, Dictionary<string, IDocument> pages, string from, string href)
    {
        Assert.True(href.StartsWith('/') || href.StartsWith('#'), $"{from} links off the site: {href}");
        var path = PathOf(href, from);
        var fragment = href.Contains('#', StringComparison.Ordinal) ? Uri.UnescapeDataString(href[(href.IndexOf('#', StringComparison.Ordinal) + 1)..]) : null;
        if (!pages.TryGetValue(path, out var target))
        {
            var response = await client.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return [$"{from} -> {href}: {(int)response.StatusCode}"];
            }

            target = response.Content.Headers.ContentType?.MediaType == "text/html" ? await ParseAsync(await response.Content.ReadAsStringAsync()) : null;
        }

        return fragment is not null && target?.GetElementById(fragment) is null ? [$"{from} -> {href}: no element with id {fragment}"] : [];
    }

    private static string PathOf(string href, string from) => href.Split('#')[0] is { Length: > 0 } path ? path : from;

    private static async Task<IDocument> ParseAsync(string html) => await new HtmlParser().ParseDocumentAsync(html);

    private HttpClient HtmlClient()
    {
        var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return client;
    }
}
