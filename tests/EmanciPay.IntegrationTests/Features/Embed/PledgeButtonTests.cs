using System.Net;
using System.Xml.Linq;
using EmanciPay.Application.Common;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Embed;

/// <summary>The embeddable pledge button: the station's name, whether it joined, what waits in escrow; framable by anyone, cached and cheap, 404 for no station.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PledgeButtonTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private readonly PledgeKit kit = new(fixture);

    [Fact]
    public async Task The_svg_shows_the_escrow_and_that_the_station_has_not_joined_and_is_cached_with_an_etag()
    {
        await kit.AddStationAsync();
        await kit.PayAsync(await kit.PledgeAsync(1000));
        await kit.WebhooksDeliveredAsync();
        var anyone = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await anyone.GetAsync("/embed/kexp-fm/button.svg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Contains("frame-ancestors *", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        var texts = Texts(await response.Content.ReadAsStringAsync());
        Assert.Equal(["Pledge to KEXP", "Not yet joined EmanciPay", "$9.41 waiting in escrow"], texts);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/embed/kexp-fm/button.svg");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await anyone.SendAsync(again)).StatusCode);

        // Another gift within the cache's minute: the button is served from the cache, unchanged, without a read.
        await kit.PayAsync(await kit.PledgeAsync(2000, key: "key-2"));
        await kit.WebhooksDeliveredAsync();
        var cached = await anyone.GetAsync("/embed/kexp-fm/button.svg");
        Assert.Equal(etag, cached.Headers.ETag);
        Assert.Equal("$9.41 waiting in escrow", Texts(await cached.Content.ReadAsStringAsync())[2]);
    }

    [Fact]
    public async Task A_station_that_joined_says_so_with_its_escrow_and_the_frame_links_to_its_pledge_form_in_the_whole_window_with_no_script()
    {
        await kit.AddStationAsync("WFMU-FM", "WFMU");
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IAppDbContext>();
            (await db.Recipients.SingleAsync(r => r.Slug == "wfmu-fm")).MarkClaimed(DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        var anyone = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(["Pledge to WFMU", "Joined EmanciPay", "Nothing in escrow yet"], Texts(await anyone.GetStringAsync("/embed/wfmu-fm/button.svg")));
        var frame = await anyone.GetAsync("/embed/wfmu-fm");
        Assert.Equal(HttpStatusCode.OK, frame.StatusCode);
        Assert.Equal("public, max-age=60", frame.Headers.CacheControl?.ToString());
        Assert.Contains("frame-ancestors *", frame.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.False(frame.Headers.Contains("X-Frame-Options"));
        var html = await frame.Content.ReadAsStringAsync();
        Assert.Contains("<a class=\"pledge-button\" href=\"/stations/wfmu-fm#pledge-heading\" target=\"_top\">", html, StringComparison.Ordinal);
        Assert.Contains("Joined EmanciPay", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        // Everywhere else framing is still refused.
        var station = await anyone.GetAsync("/stations/wfmu-fm/button");
        Assert.Equal("DENY", station.Headers.GetValues("X-Frame-Options").Single());
        var snippets = await station.Content.ReadAsStringAsync();
        Assert.Contains("&lt;iframe src=&quot;http://localhost/embed/wfmu-fm&quot;", snippets, StringComparison.Ordinal);
        Assert.Contains("&lt;a href=&quot;http://localhost/stations/wfmu-fm&quot;&gt;&lt;img src=&quot;http://localhost/embed/wfmu-fm/button.svg&quot;", snippets, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/embed/no-such-fm/button.svg")]
    [InlineData("/embed/no-such-fm")]
    [InlineData("/stations/no-such-fm/button")]
    public async Task An_unknown_station_is_404(string path)
    {
        await kit.AddStationAsync();
        var anyone = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync(path)).StatusCode);
    }

    private static List<string> Texts(string svg) => XDocument.Parse(svg).Root!.Elements(Svg + "text").Select(t => t.Value).ToList();
}
