using System.Globalization;
using System.Xml.Linq;
using EmanciPay.Application.Features.Sharing;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Monetary;
using Mediator;

namespace EmanciPay.Web.Sharing;

/// <summary>
/// A listener's published gifts as an Atom 1.0 feed (RFC 4287), /givers/{handle}/feed.atom: one entry per gift they
/// chose to show, its amount only where they chose. Never cached, so taking the page down ends the feed at once (404).
/// </summary>
public static class GiverFeed
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static IEndpointRouteBuilder MapGiverFeed(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/givers/{handle}/feed.atom", async (string handle, HttpContext http, IAppUrls site, ISender sender, CancellationToken ct) =>
            {
                var page = await sender.Send(new GetGiverPage.Query(handle), ct);
                http.Response.Headers.CacheControl = "no-cache";
                return Results.Text(Write(page, site), "application/atom+xml; charset=utf-8");
            })
            .ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>"Gave to KEXP", or "Gave $10.00 to KEXP" when the listener shows the amount.</summary>
    public static string Title(GetGiverPage.Gift gift) =>
        gift.Amount is { } amount ? $"Gave {MoneyFormat.Format(amount, gift.Currency!)} to {gift.StationName}" : $"Gave to {gift.StationName}";

    public static string Write(GetGiverPage.Result page, IAppUrls site)
    {
        var pageUrl = site.Resolve($"givers/{page.Handle}").ToString();
        var updated = page.Gifts.Select(g => g.GivenAt).Append(page.UpdatedAt).Max();
        var feed = new XElement(Atom + "feed",
            new XElement(Atom + "id", pageUrl),
            new XElement(Atom + "title", $"{page.Handle}'s giving"),
            new XElement(Atom + "subtitle", "Gifts to public media, shared through EmanciPay."),
            new XElement(Atom + "updated", Rfc3339(updated)),
            new XElement(Atom + "author", new XElement(Atom + "name", page.Handle), new XElement(Atom + "uri", pageUrl)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("type", "application/atom+xml"), new XAttribute("href", pageUrl + "/feed.atom")),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", pageUrl)),
            page.Gifts.Select(gift => new XElement(Atom + "entry",
                new XElement(Atom + "id", $"urn:uuid:{gift.Id}"),
                new XElement(Atom + "title", Title(gift)),
                new XElement(Atom + "published", Rfc3339(gift.GivenAt)),
                new XElement(Atom + "updated", Rfc3339(gift.GivenAt)),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", site.Station(gift.Station).ToString())),
                new XElement(Atom + "summary", $"{Title(gift)} on {gift.GivenAt.UtcDateTime.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}."))));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), feed).Declaration + "\n" + feed.ToString(SaveOptions.DisableFormatting);
    }

    private static string Rfc3339(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
