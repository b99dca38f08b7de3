using System.Globalization;
using System.Net;
using System.Xml.Linq;
using EmanciPay.Application.Common;
using EmanciPay.Domain.Sharing;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Features.Sharing;

/// <summary>Sharing one's giving is opt-in: a page and an Atom feed of the chosen gifts only, amounts only where chosen, gone at once when turned off.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SharingTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private const string Email = "sharer@example.test";

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private readonly PledgeKit kit = new(fixture);

    [Fact]
    public async Task The_page_and_feed_are_off_by_default_show_only_the_chosen_gifts_amounts_only_where_chosen_and_404_at_once_when_turned_off()
    {
        await kit.AddStationAsync();
        await kit.AddStationAsync("WNYC-FM", "WNYC");
        var listener = await Accounts.SignedInClientAsync(App, Email, Roles.Listener);
        var kexp = await PayAsync(listener, "kexp-fm", 1000);
        var wnyc = await PayAsync(listener, "wnyc-fm", 2500);
        var unshared = await PayAsync(listener, "kexp-fm", 777);
        var anyone = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/givers/jo-gives")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Accounts.PostFormAsync(listener, "/me/sharing", new() { ["Handle"] = "jo-gives" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/givers/jo-gives")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/givers/jo-gives/feed.atom")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await Accounts.PostFormAsync(listener, "/me/sharing", new() { ["Handle"] = "jo-gives", ["Published"] = "true" })).StatusCode);
        Assert.DoesNotContain("<li class=\"panel\">", await anyone.GetStringAsync("/givers/jo-gives"), StringComparison.Ordinal);
        await ShareAsync(listener, kexp, "amount");
        await ShareAsync(listener, wnyc, "shown");

        var page = await anyone.GetStringAsync("/givers/jo-gives");
        Assert.Contains("Gave $10.00 to KEXP", page, StringComparison.Ordinal);
        Assert.Contains("Gave to WNYC", page, StringComparison.Ordinal);
        Assert.DoesNotContain("$25.00", page, StringComparison.Ordinal);
        Assert.DoesNotContain("$7.77", page, StringComparison.Ordinal);

        var response = await anyone.GetAsync("/givers/jo-gives/feed.atom");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var xml = await response.Content.ReadAsStringAsync();
        var feed = AtomFeed.Validate(xml);
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal(["Gave to WNYC", "Gave $10.00 to KEXP"], entries.Select(e => e.Element(Atom + "title")!.Value));
        Assert.Equal([$"urn:uuid:{wnyc}", $"urn:uuid:{kexp}"], entries.Select(e => e.Element(Atom + "id")!.Value));
        Assert.DoesNotContain("25.00", xml, StringComparison.Ordinal);
        Assert.DoesNotContain(unshared.ToString(), xml, StringComparison.Ordinal);
        foreach (var said in new[] { page, xml })
        {
            Assert.DoesNotContain(Email, said, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("sharer", said, StringComparison.OrdinalIgnoreCase);
        }

        await ShareAsync(listener, kexp, "hidden");
        Assert.Equal(["Gave to WNYC"], AtomFeed.Validate(await anyone.GetStringAsync("/givers/jo-gives/feed.atom")).Elements(Atom + "entry").Select(e => e.Element(Atom + "title")!.Value));

        Assert.Equal(HttpStatusCode.Redirect, (await Accounts.PostFormAsync(listener, "/me/sharing", new() { ["Handle"] = "jo-gives", ["Published"] = "false" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/givers/jo-gives")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/givers/jo-gives/feed.atom")).StatusCode);
    }

    [Fact]
    public async Task A_handle_is_one_listeners_and_another_listeners_gift_cannot_be_shared()
    {
        await kit.AddStationAsync();
        var listener = await Accounts.SignedInClientAsync(App, Email, Roles.Listener);
        var gift = await PayAsync(listener, "kexp-fm", 1000);
        Assert.Equal(HttpStatusCode.Redirect, (await Accounts.PostFormAsync(listener, "/me/sharing", new() { ["Handle"] = "taken", ["Published"] = "true" })).StatusCode);
        var other = await Accounts.SignedInClientAsync(App, "other-sharer@example.test", Roles.Listener);

        var clash = await Accounts.PostFormAsync(other, "/me/sharing", new() { ["Handle"] = "taken", ["Published"] = "true" });
        Assert.Equal(HttpStatusCode.OK, clash.StatusCode);
        Assert.Contains("The handle &#x27;taken&#x27; is taken", await clash.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stolen = await Accounts.PostFormAsync(other, "/me/sharing?handler=Gift", new() { ["paymentId"] = gift.ToString(), ["visibility"] = "amount" }, "/me/sharing");
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        Assert.Equal(1, await kit.CountAsync<GiverProfile>());
        Assert.Equal(0, await kit.CountAsync<SharedGift>());
    }

    private async Task<Guid> PayAsync(HttpClient listener, string station, long amount)
    {
        var pledge = await PledgeKit.PostAsync(listener, PledgeKit.Body(amount, station: station, email: null), Guid.NewGuid().ToString());
        Assert.NotNull(await kit.PayAsync(pledge));
        await kit.WebhooksDeliveredAsync();
        var id = pledge.GetProperty("id").GetGuid();
        return await App.WithScopeAsync(sp => sp.GetRequiredService<IAppDbContext>().Payments.Where(p => p.PledgeId == id).Select(p => p.Id).SingleAsync());
    }

    private static async Task ShareAsync(HttpClient listener, Guid paymentId, string visibility) =>
        Assert.Equal(HttpStatusCode.Redirect, (await Accounts.PostFormAsync(listener, "/me/sharing?handler=Gift", new() { ["paymentId"] = paymentId.ToString(), ["visibility"] = visibility }, "/me/sharing")).StatusCode);
}

/// <summary>
/// The rules of RFC 4287 (Atom 1.0) a feed must keep, checked element by element: the namespace, the feed's and each
/// entry's required id, title and updated (exactly one each), an author for the feed, RFC 3339 dates, absolute IRIs,
/// and an alternate link where an entry has no content.
/// </summary>
public static class AtomFeed
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static XElement Validate(string xml)
    {
        var document = XDocument.Parse(xml);
        var feed = document.Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        RequireOne(feed, "id", "title", "updated");
        Assert.Single(feed.Elements(Atom + "author"));
        Assert.NotEmpty(feed.Element(Atom + "author")!.Elements(Atom + "name"));
        Assert.Single(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
        Assert.Single(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "alternate" && (string?)l.Attribute("type") == "text/html");
        foreach (var link in feed.Descendants(Atom + "link"))
        {
            Assert.True(Uri.TryCreate((string?)link.Attribute("href"), UriKind.Absolute, out _), $"link href {(string?)link.Attribute("href")} is not an absolute IRI");
        }

        foreach (var entry in feed.Elements(Atom + "entry"))
        {
            RequireOne(entry, "id", "title", "updated");
            Assert.True(entry.Element(Atom + "content") is not null || entry.Elements(Atom + "link").Any(l => (string?)l.Attribute("rel") is null or "alternate"), "an entry without content needs an alternate link");
            Assert.True(entry.Elements(Atom + "summary").Count() <= 1 && entry.Elements(Atom + "published").Count() <= 1);
        }

        foreach (var id in feed.Descendants(Atom + "id"))
        {
            Assert.True(Uri.TryCreate(id.Value, UriKind.Absolute, out _), $"id {id.Value} is not an absolute IRI");
        }

        foreach (var date in feed.Descendants().Where(e => e.Name == Atom + "updated" || e.Name == Atom + "published"))
        {
            Assert.True(DateTimeOffset.TryParseExact(date.Value, ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _), $"{date.Value} is not an RFC 3339 date");
        }

        Assert.DoesNotContain(feed.DescendantsAndSelf(), e => e.Name.Namespace != Atom);
        return feed;
    }

    private static void RequireOne(XElement parent, params string[] names)
    {
        foreach (var name in names)
        {
            Assert.True(parent.Elements(Atom + name).Count() == 1, $"<{parent.Name.LocalName}> must have exactly one <{name}>");
        }
    }
}
