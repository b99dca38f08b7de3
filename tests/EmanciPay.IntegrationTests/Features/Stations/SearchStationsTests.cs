using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using EmanciPay.Application.Features.Stations;
using EmanciPay.IntegrationTests.Support;
using EmanciPay.Web.Startup;

namespace EmanciPay.IntegrationTests.Features.Stations;

/// <summary>The demo directory seeded from stations.csv, searched through the home page and the API; run on both providers.</summary>
public abstract class SearchStationsTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private static readonly int StationsInCsv = File.ReadLines(RepositoryPaths.StationsCsv).Skip(1).Count(line => line.Length > 0);

    [Fact]
    public async Task Seeding_adds_every_demo_station_unclaimed_and_seeding_again_adds_nothing()
    {
        var first = await App.Factory.Services.SeedDemoStationsAsync(RepositoryPaths.StationsCsv);
        var second = await App.Factory.Services.SeedDemoStationsAsync(RepositoryPaths.StationsCsv);

        Assert.Equal(StationsInCsv, first.Added);
        Assert.Equal(new ImportStations.Result(0, StationsInCsv), second);
        var all = await App.SendAsync(new SearchStations.Query(null, 1));
        Assert.Equal(StationsInCsv, all.Total);
        Assert.All(all.Items, s => Assert.False(s.Claimed));
    }

    [Fact]
    public async Task The_home_page_lists_the_demo_stations_and_search_narrows_them()
    {
        await App.Factory.Services.SeedDemoStationsAsync(RepositoryPaths.StationsCsv);
        using var client = App.Factory.CreateClient();

        var everything = await StationNamesAsync(client, "/");
        var kexp = await StationNamesAsync(client, "/?q=kexp");
        var boston = await StationNamesAsync(client, "/?q=Boston");
        var none = await StationNamesAsync(client, "/?q=zzzz-no-such-station");

        Assert.Equal(SearchStations.PageSize, everything.Count);
        Assert.Equal(["KEXP"], kexp);
        Assert.Equal(["GBH", "WBUR"], boston.Order(StringComparer.Ordinal));
        Assert.Empty(none);
    }

    [Fact]
    public async Task The_api_pages_through_stations_and_names_a_bad_page_in_problem_json()
    {
        await App.Factory.Services.SeedDemoStationsAsync(RepositoryPaths.StationsCsv);
        using var client = App.Factory.CreateClient();

        var lastPage = (StationsInCsv + SearchStations.PageSize - 1) / SearchStations.PageSize;
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/stations?page={lastPage}");
        var kexp = await client.GetFromJsonAsync<JsonElement>("/api/v1/stations?q=KEXP");
        var invalid = await client.GetAsync("/api/v1/stations?page=0");
        var malformed = await client.GetAsync("/api/v1/stations?page=two");

        Assert.Equal(StationsInCsv, page.GetProperty("total").GetInt32());
        Assert.Equal(StationsInCsv - ((lastPage - 1) * SearchStations.PageSize), page.GetProperty("items").GetArrayLength());
        var station = Assert.Single(kexp.GetProperty("items").EnumerateArray());
        Assert.Equal("kexp-fm", station.GetProperty("slug").GetString());
        Assert.False(station.GetProperty("claimed").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("page", out _));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("page", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<List<string>> StationNamesAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        var document = await new HtmlParser().ParseDocumentAsync(html);
        return document.QuerySelectorAll(".station-card .station-name").Select(e => e.TextContent.Trim()).ToList();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class SearchStationsOnPostgresTests(PostgresFixture fixture) : SearchStationsTests(fixture);

[Collection(SqliteCollection.Name)]
public sealed class SearchStationsOnSqliteTests(SqliteFixture fixture) : SearchStationsTests(fixture);
