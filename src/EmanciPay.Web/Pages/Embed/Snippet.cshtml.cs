using EmanciPay.Application.Features.Embed;
using EmanciPay.Application.Payments;
using EmanciPay.Web.Embed;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Pages.Embed;

/// <summary>
/// Offers any site, the station's own or a fan's, the pledge button to paste: an iframe, or a plain link with the SVG
/// image. Neither runs a script. Addresses are the app's own (App:BaseUrl), never the request's Host header.
/// </summary>
public sealed class SnippetModel(ISender sender, IAppUrls site) : PageModel
{
    public GetPledgeButton.Result Button { get; private set; } = null!;

    public string Iframe { get; private set; } = "";

    public string LinkWithImage { get; private set; } = "";

    public async Task OnGetAsync(string slug, CancellationToken ct)
    {
        Button = await sender.Send(new GetPledgeButton.Query(slug), ct);
        var escaped = Uri.EscapeDataString(Button.Slug);
        var title = System.Net.WebUtility.HtmlEncode($"Pledge to {Button.Name}");
        Iframe = $"<iframe src=\"{site.Resolve($"embed/{escaped}")}\" title=\"{title}\" width=\"{PledgeButton.Width}\" height=\"{PledgeButton.Height}\" style=\"border:0\" loading=\"lazy\"></iframe>";
        LinkWithImage = $"<a href=\"{site.Station(Button.Slug)}\"><img src=\"{site.Resolve($"embed/{escaped}/button.svg")}\" alt=\"{System.Net.WebUtility.HtmlEncode(PledgeButton.Label(Button))}\" width=\"{PledgeButton.Width}\" height=\"{PledgeButton.Height}\"></a>";
    }
}
